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
                // S3 answered and refused (no such bucket, access denied): the output cannot be created.
                throw new CommandException(ExitCodes.CannotCreate, $"S3 refused the upload to {app.DefinitionBucket}: {e.ErrorCode} {e.Message}", e);
            }
            catch (AmazonClientException e) when (e.InnerException is HttpRequestException or IOException)
            {
                throw new CommandException(ExitCodes.InputOutput, $"Could not reach S3: {e.Message}", e);
            }
            catch (AmazonClientException e)
            {
                // No region, no credentials: the AWS SDK's configuration (AWS_REGION, AWS_PROFILE, an OIDC role in CI).
                throw new CommandException(ExitCodes.Configuration, $"AWS is not configured for publish: {e.Message} Set AWS_REGION and credentials (AWS_PROFILE, or the CI's OIDC role).", e);
            }
            catch (HttpRequestException e)
            {
                throw new CommandException(ExitCodes.InputOutput, $"Could not reach S3: {e.Message}", e);
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
}
