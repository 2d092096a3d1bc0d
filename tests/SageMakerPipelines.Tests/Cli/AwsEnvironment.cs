namespace MlPipeline.SageMakerPipelines.Tests.Cli;

/// <summary>
/// Tests that set or clear the AWS SDK's environment variables (they are the process's) run one after another.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AwsEnvironment
{
    public const string Name = "AWS environment";

    private static readonly string[] Variables =
        ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE"];

    /// <summary>Runs <paramref name="action"/> with no AWS region, credentials or profile in the environment, then puts them back.</summary>
    public static async Task<T> WithoutAws<T>(Func<Task<T>> action)
    {
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var variable in Variables)
            {
                Environment.SetEnvironmentVariable(variable, null);
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
