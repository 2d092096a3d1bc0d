using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using MlPipeline.SageMakerPipelines.Cloud;
using MlPipeline.SageMakerPipelines.Publishing;

namespace MlPipeline.SageMakerPipelines.Cli.Commands;

/// <summary><c>upsert</c>: create the pipeline in SageMaker, or update it (the definition inline, or through S3 above the inline limit).</summary>
internal static class UpsertCommand
{
    /// <summary>The environment variable <c>upsert</c> takes the role from when <c>--role-arn</c> is not given.</summary>
    public const string RoleVariable = "MLPIPELINE_ROLE_ARN";

    public static Command Create(CommandContext context)
    {
        var role = new Option<string?>("--role-arn") { Description = $"The role SageMaker runs the pipeline as (default: ${RoleVariable}).", HelpName = "ARN" };
        var endpoint = Cloud.EndpointOption();
        var s3Endpoint = new Option<string?>("--s3-endpoint-url") { Description = "An S3-compatible endpoint for a definition that goes through S3 (for tests).", HelpName = "URL" };
        var json = Cloud.JsonOption();
        var command = new Command("upsert", "Create the pipeline in SageMaker, or update it to this definition; a definition over 1 MB goes through the pipeline's bucket.")
        {
            role, endpoint, s3Endpoint, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var roleArn = parse.GetValue(role) ?? Environment.GetEnvironmentVariable(RoleVariable);
            if (string.IsNullOrEmpty(roleArn))
            {
                throw new CommandException(ExitCodes.CannotReadInput,
                    $"upsert needs the role SageMaker runs the pipeline as: give --role-arn ARN or set {RoleVariable} (the stack's execution role output).");
            }

            var pipeline = context.App.Pipeline;
            var definition = pipeline.ToJson();
            PipelineDefinitionS3Location? location = null;
            if (Encoding.UTF8.GetByteCount(definition) > SageMakerPipelinesClientExtensions.MaxInlineDefinitionBytes)
            {
                location = await PublishDefinitionAsync(context, parse.GetValue(s3Endpoint) ?? parse.GetValue(endpoint), definition, cancellationToken);
                context.Error.WriteLine($"note: the definition is over {SageMakerPipelinesClientExtensions.MaxInlineDefinitionBytes / 1024} KB; SageMaker reads it from s3://{location.Bucket}/{location.ObjectKey}.");
            }

            var result = await Cloud.CallAsync(parse.GetValue(endpoint), $"upsert the pipeline {pipeline.Name}",
                client => client.UpsertAsync(pipeline, roleArn, location, cancellationToken));
            if (parse.GetValue(json))
            {
                context.Output.WriteLine(new JsonObject { ["pipelineArn"] = result.PipelineArn, ["created"] = result.Created }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                context.Output.WriteLine($"{(result.Created ? "created" : "updated")}  {result.PipelineArn}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<PipelineDefinitionS3Location> PublishDefinitionAsync(CommandContext context, string? endpoint, string definition, CancellationToken cancellationToken)
    {
        var app = context.App;
        if (string.IsNullOrEmpty(app.DefinitionBucket))
        {
            throw new CommandException(ExitCodes.CannotReadInput, "The definition is too large to go inline and the pipeline names no bucket for it (PipelineApp.DefinitionBucket, MLPIPELINE_BUCKET).");
        }

        var config = new AmazonS3Config();
        if (endpoint is not null)
        {
            config.ServiceURL = endpoint;
            config.ForcePathStyle = true;
        }

        try
        {
            using var s3 = new AmazonS3Client(config);
            var published = await new DefinitionPublisher(s3).PublishAsync(app.Objects, app.DefinitionBucket, app.DefinitionPrefix, definition, cancellationToken);
            return new PipelineDefinitionS3Location(app.DefinitionBucket, published[^1].Key);
        }
        catch (AmazonServiceException e)
        {
            throw new CommandException(ExitCodes.CannotCreate, $"putting the definition in s3://{app.DefinitionBucket}/ failed: {e.ErrorCode} {e.Message}", e);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || e is AmazonClientException { InnerException: HttpRequestException or IOException })
        {
            throw new CommandException(ExitCodes.InputOutput, $"putting the definition in s3://{app.DefinitionBucket}/ failed before AWS answered: {e.Message}", e);
        }
        catch (AmazonClientException e)
        {
            throw new CommandException(ExitCodes.CannotReadInput, $"AWS is not configured to put the definition in S3: {e.Message}\n{Cloud.WhereAwsIsLookedFor}", e);
        }
    }
}
