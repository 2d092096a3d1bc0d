using System.CommandLine;
using Amazon.Runtime;
using Amazon.S3;
using MlPipeline.SageMakerPipelines.Publishing;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>publish --bucket B</c>: upload the scripts and the definition to S3 under content keys.</summary>
internal static class PublishCommand
{
    public static Command Create(CommandContext context)
    {
        var endpoint = new Option<string?>("--endpoint-url") { Description = "An S3-compatible endpoint instead of AWS (for tests)." };
        var command = new Command("publish", "Upload the scripts and the definition to the pipeline's bucket under content-hash keys; what is there already is skipped.")
        {
            endpoint,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var config = new AmazonS3Config();
            if (parse.GetValue(endpoint) is { } url)
            {
                config.ServiceURL = url;
                config.ForcePathStyle = true;
            }

            var app = context.App;
            IReadOnlyList<PublishedObject> published;
            try
            {
                using var s3 = new AmazonS3Client(config);
                published = await new DefinitionPublisher(s3).PublishAsync(app.Objects, app.DefinitionBucket, app.DefinitionPrefix, app.Pipeline.ToJson(), cancellationToken);
            }
            catch (AmazonServiceException e)
            {
                // AWS answered with an error: the bucket, the credentials or the permissions are not what publish needs.
                throw new CommandException(ExitCodes.CannotCreate, $"publishing to {Target(app)} failed: {(int)e.StatusCode} {e.StatusCode} {e.ErrorCode} {e.Message}".TrimEnd()
                    + "\n  Check that the bucket exists (MLPIPELINE_BUCKET, the stack's artifact bucket output) and that the credentials may write under the prefix.", e);
            }
            catch (Exception e) when (e is HttpRequestException or IOException || e is AmazonClientException { InnerException: HttpRequestException or IOException })
            {
                // No answer at all: no network, no such endpoint.
                throw new CommandException(ExitCodes.InputOutput, $"publishing to {Target(app)} failed before AWS answered: {e.Message}"
                    + "\n  Check the region, the endpoint and the network.", e);
            }
            catch (AmazonClientException e)
            {
                // No region, no credentials: the AWS SDK's configuration (AWS_REGION, AWS_PROFILE, an OIDC role in CI).
                // The same rule as the cloud verbs: the configuration the command reads is missing, exit 66.
                throw new CommandException(ExitCodes.CannotReadInput, $"AWS is not configured for publish: {e.Message}\n{Cloud.WhereAwsIsLookedFor}", e);
            }

            foreach (var item in published)
            {
                context.Output.WriteLine($"{(item.Uploaded ? "uploaded" : "unchanged")}  s3://{app.DefinitionBucket}/{item.Key}");
            }

            // The last object is the definition; its key is what the infrastructure stack takes.
            context.Output.WriteLine($"PipelineDefinitionKey={published[^1].Key}");

            return ExitCodes.Success;
        });
        return command;
    }

    private static string Target(PipelineApp app) => $"s3://{app.DefinitionBucket}/{app.DefinitionPrefix}/";
}
