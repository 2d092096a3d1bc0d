using System.CommandLine;
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

            using var s3 = new AmazonS3Client(config);
            var app = context.App;
            var published = await new DefinitionPublisher(s3).PublishAsync(app.Objects, app.DefinitionBucket, app.DefinitionPrefix, app.Pipeline.ToJson(), cancellationToken);
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
