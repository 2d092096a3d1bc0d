namespace MlPipeline.SageMakerPipelines;

/// <summary>
/// Batch transform with a SageMaker model, the Python SDK's <c>Transformer</c>: every object under the input prefix is
/// sent to the model's container and its predictions written to <see cref="OutputPath"/> as <c>OBJECT.out</c>. The
/// step is an ordinary <see cref="TransformStep"/> record; change it with <c>with</c>.
/// </summary>
public sealed record Transformer
{
    /// <summary>The session: its S3 layout gives the default output path.</summary>
    public required PipelineSession Session { get; init; }

    /// <summary>The model that predicts: a Model step's <see cref="CreateModelStep.ModelName"/>.</summary>
    public required PipelineValue<string> ModelName { get; init; }

    /// <summary>The instance type; ml.m5.large unless set.</summary>
    public PipelineValue<string> InstanceType { get; init; } = "ml.m5.large";

    /// <summary>The number of instances; 1 unless set.</summary>
    public PipelineValue<long> InstanceCount { get; init; } = 1;

    /// <summary>Where the predictions go; <c>s3://Bucket/Prefix/runs/EXECUTION-ID/STEP/predictions</c> unless set.</summary>
    public PipelineValue<string>? OutputPath { get; init; }

    /// <summary>The content type the model answers in; the container's default unless set.</summary>
    public PipelineValue<string>? Accept { get; init; }

    /// <summary>Line (a newline after every response, the SDK's usual choice for CSV) or None; Line unless set.</summary>
    public string AssembleWith { get; init; } = "Line";

    /// <summary>SingleRecord or MultiRecord records per request; MultiRecord unless set.</summary>
    public string Strategy { get; init; } = "MultiRecord";

    /// <summary>A transform step over every object under <paramref name="data"/>.</summary>
    /// <param name="name">The step's name.</param>
    /// <param name="data">The S3 prefix of the input objects.</param>
    /// <param name="contentType">The content type of the input; text/csv unless given.</param>
    /// <param name="splitType">How an object is split into records: Line, or None (the whole object is one record); Line unless given.</param>
    public TransformStep Step(string name, PipelineValue<string> data, string contentType = "text/csv", string splitType = "Line") => new()
    {
        Name = name,
        Arguments = new TransformJobArguments
        {
            ModelName = ModelName,
            TransformInput = new TransformInput
            {
                DataSource = new TransformDataSource { S3DataSource = new TransformS3DataSource { S3DataType = S3DataType.S3Prefix, S3Uri = data } },
                ContentType = contentType,
                SplitType = splitType,
            },
            TransformOutput = new TransformOutput
            {
                S3OutputPath = OutputPath is { } path ? path : Session.OutputS3Uri(name, "predictions"),
                Accept = Accept,
                AssembleWith = AssembleWith,
                KmsKeyId = Session.KmsKey,
            },
            TransformResources = new TransformResources { InstanceType = InstanceType, InstanceCount = InstanceCount, VolumeKmsKeyId = Session.KmsKey },
            BatchStrategy = Strategy,
        },
        CacheConfig = Session.CacheConfig,
    };
}
