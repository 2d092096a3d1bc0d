using MlPipeline.SageMakerPipelines.Cli;
using MlPipeline.SageMakerPipelines.Tests.Local;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Cli;

/// <summary>
/// Every way a user or the machine can make a command fail ends with its documented exit code and a message,
/// never exit 70 and never a stack trace: 64 usage, 65 invalid input, 66 cannot read input, 73 cannot create
/// output, 74 I/O error; no AWS region or credentials is 66 for every AWS verb.
/// </summary>
[Collection(AwsEnvironment.Name)]
public class ExitCodeTests
{
    public static TheoryData<string, int, string> Cases() => new()
    {
        { "unknown verb", ExitCodes.Usage, "error:" },
        { "parameter value that is not an S3 URI", ExitCodes.InvalidData, "SMP020" },
        { "unknown parameter", ExitCodes.InvalidData, "Unknown parameter" },
        { "definition file missing", ExitCodes.CannotReadInput, "does not exist" },
        { "definition file is a folder", ExitCodes.CannotReadInput, "is a folder" },
        { "definition file is /dev/zero", ExitCodes.CannotReadInput, "not a regular file" },
        { "definition file is a FIFO", ExitCodes.CannotReadInput, "not a regular file" },
        { "definition file over 1 MB", ExitCodes.InvalidData, "larger than 1024 KB" },
        { "definition file not UTF-8", ExitCodes.InvalidData, "not UTF-8" },
        { "definition nested 50,000 deep", ExitCodes.InvalidData, "SMP001" },
        { "definition with an S3 key that climbs", ExitCodes.InvalidData, "SMP101" },
        { "definition --out a folder", ExitCodes.CannotCreate, "is a folder" },
        { "definition --out under a file", ExitCodes.CannotCreate, "Cannot write" },
        { "a step cache entry replaced by a folder", ExitCodes.InputOutput, "is a folder, not a file" },
        { "a project file missing", ExitCodes.CannotReadInput, "cannot read the project's files" },
        { "publish with no region", ExitCodes.CannotReadInput, "AWS is not configured" },
        { "start with no region", ExitCodes.CannotReadInput, "AWS_REGION" },
        { "status with no region", ExitCodes.CannotReadInput, "AWS is not configured" },
        { "registry --cloud with no region", ExitCodes.CannotReadInput, "AWS is not configured" },
        { "upsert with no role", ExitCodes.CannotReadInput, "MLPIPELINE_ROLE_ARN" },
        { "start with an unknown parameter", ExitCodes.InvalidData, "Unknown parameter(s): Nope" },
        { "start with a poll interval of 0", ExitCodes.Usage, "--poll-interval" },
        { "start where SageMaker does not answer", ExitCodes.InputOutput, "SageMaker did not answer" },
        { "publish to an S3 that does not answer", ExitCodes.InputOutput, "publishing to s3://local-bucket/" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_user_or_environment_error_exits_with_its_code_and_no_stack_trace(string kind, int expected, string says)
    {
        using var project = new LocalProject();
        using var temp = new TempDirectory();
        var file = temp.Combine("definition.json");
        var app = new PipelineApp { Pipeline = project.Pipeline(), ProjectRoot = project.Root, DefinitionBucket = "local-bucket" };
        Func<PipelineApp> make = () => app;
        string[] args;
        switch (kind)
        {
            case "unknown verb":
                args = ["fly"];
                break;
            case "parameter value that is not an S3 URI":
                args = ["run", "--python", LocalProject.Python, "--param", "InputData=/etc/"];
                break;
            case "unknown parameter":
                args = ["run", "--python", LocalProject.Python, "--param", "Nope=1"];
                break;
            case "definition file missing":
                args = ["run", "--definition", file];
                break;
            case "definition file is a folder":
                args = ["run", "--definition", temp.Path];
                break;
            case "definition file is /dev/zero":
                args = ["run", "--definition", "/dev/zero"];
                break;
            case "definition file is a FIFO":
                Assert.Equal(0, ProcessRunner.Run("mkfifo", [file]).ExitCode);
                args = ["run", "--definition", file];
                break;
            case "definition file over 1 MB":
                File.WriteAllText(file, project.Pipeline().ToJson() + new string(' ', 1 << 20));
                args = ["run", "--definition", file];
                break;
            case "definition file not UTF-8":
                File.WriteAllBytes(file, [.. System.Text.Encoding.UTF8.GetBytes("{\"Version\": \""), 0xC3, 0x28, .. "\"}"u8.ToArray()]);
                args = ["run", "--definition", file];
                break;
            case "definition nested 50,000 deep":
                File.WriteAllText(file, new string('[', 50_000) + new string(']', 50_000));
                args = ["run", "--definition", file];
                break;
            case "definition with an S3 key that climbs":
                File.WriteAllText(file, project.Pipeline().ToJson().Replace($"s3://{LocalProject.Bucket}/data/input.csv", $"s3://{LocalProject.Bucket}/../../../../etc/hostname", StringComparison.Ordinal));
                args = ["run", "--python", LocalProject.Python, "--definition", file];
                break;
            case "definition --out a folder":
                args = ["definition", "--out", temp.Path];
                break;
            case "definition --out under a file":
                File.WriteAllText(file, "{}");
                args = ["definition", "--out", Path.Combine(file, "definition.json")];
                break;
            case "a step cache entry replaced by a folder":
                Assert.Equal(0, (await Run(make, ["run", "--python", LocalProject.Python])).Code);
                foreach (var entry in Directory.GetFiles(Path.Combine(project.Root, ".mlpipeline", "cache")))
                {
                    File.Delete(entry);
                    Directory.CreateDirectory(entry);
                }

                args = ["run", "--python", LocalProject.Python];
                break;
            case "a project file missing":
                make = () => app with { Objects = [new("s3://b/k", File.ReadAllBytes(Path.Combine(project.Root, "steps", "common.py")))] };
                args = ["validate"];
                break;
            case "publish with no region":
                args = ["publish"];
                break;
            case "start with no region":
                args = ["start"];
                break;
            case "status with no region":
                args = ["status", "arn:aws:sagemaker:eu-west-1:123456789012:pipeline/p/execution/e"];
                break;
            case "registry --cloud with no region":
                args = ["registry", "list", "--cloud"];
                break;
            case "upsert with no role":
                args = ["upsert"];
                break;
            case "start with an unknown parameter":
                args = ["start", "--param", "Nope=1"];
                break;
            case "start with a poll interval of 0":
                args = ["start", "--wait", "--poll-interval", "0"];
                break;
            case "start where SageMaker does not answer":
                args = ["start", "--endpoint-url", "http://127.0.0.1:9"];
                break;
            case "publish to an S3 that does not answer":
                // A closed port on this machine: the SDK has a region and credentials, and no reply comes.
                args = ["publish", "--endpoint-url", "http://127.0.0.1:9"];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown case");
        }

        var (code, _, error) = kind switch
        {
            "publish with no region" or "start with no region" or "status with no region" or "registry --cloud with no region" or "upsert with no role"
                => await AwsEnvironment.With(AwsEnvironment.None, () => Run(make, args)),
            "publish to an S3 that does not answer" or "start with an unknown parameter" or "start where SageMaker does not answer"
                => await AwsEnvironment.With(AwsEnvironment.Configured, () => Run(make, args)),
            _ => await Run(make, args),
        };

        Assert.True(code == expected, $"{kind}: exit {code}, expected {expected}: {error}");
        Assert.Contains(says, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> Run(Func<PipelineApp> app, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await PipelineCommandLine.RunAsync(args, app, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
