namespace MlPipeline.SageMakerPipelines.Tests.Cli;

/// <summary>
/// Tests that set or clear the AWS SDK's environment variables (they are the process's) run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AwsEnvironment
{
    public const string Name = "AWS environment";

    private static readonly string[] Variables =
        ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE", "AWS_ENDPOINT_URL", "MLPIPELINE_ROLE_ARN"];

    /// <summary>No AWS region, credentials or profile.</summary>
    public static readonly IReadOnlyDictionary<string, string?> None = Variables.ToDictionary(v => v, _ => (string?)null);

    /// <summary>A region and credentials of the shape the SDK accepts (they open nothing: no test reaches AWS).</summary>
    public static readonly IReadOnlyDictionary<string, string?> Configured = new Dictionary<string, string?>(None)
    {
        ["AWS_REGION"] = "us-east-1",
        ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE",
        ["AWS_SECRET_ACCESS_KEY"] = "example-secret",
    };

    /// <summary>Runs <paramref name="action"/> with the AWS variables set to <paramref name="values"/>, then puts them back.</summary>
    public static async Task<T> With<T>(IReadOnlyDictionary<string, string?> values, Func<Task<T>> action)
    {
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var (variable, value) in values)
            {
                Environment.SetEnvironmentVariable(variable, value);
            }

            return await action();
        }
        finally
        {
            foreach (var (variable, value) in saved)
            {
                Environment.SetEnvironmentVariable(variable, value);
            }
        }
    }
}
