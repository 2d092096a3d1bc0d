using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MlPipeline.SageMakerPipelines.Tests.Values;

/// <summary>
/// A value of the wrong type where the API wants a typed one does not compile: each snippet is compiled with Roslyn
/// against this build of the library, as a user's code would be.
/// </summary>
public class TypedValueTests
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(() =>
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.StartsWith(framework, StringComparison.Ordinal))
            .Append(typeof(Pipeline).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList();
    });

    public static TheoryData<string> WrongTypes => new()
    {
        "new ProcessingClusterConfig { InstanceCount = Parameter.String(\"Count\", \"1\"), InstanceType = \"ml.m5.large\", VolumeSizeInGB = 30 }",
        "new ProcessingClusterConfig { InstanceCount = 1, InstanceType = Parameter.Integer(\"Type\", 1), VolumeSizeInGB = 30 }",
        "new ProcessingClusterConfig { InstanceCount = 1, InstanceType = \"ml.m5.large\", VolumeSizeInGB = \"30\" }",
        "new ResourceConfig { InstanceCount = Parameter.Float(\"Count\", 1.0), InstanceType = \"ml.m5.large\", VolumeSizeInGB = 30 }",
        "new StoppingCondition { MaxRuntimeInSeconds = Parameter.Boolean(\"Long\", true) }",
        "new StoppingCondition { MaxRuntimeInSeconds = 1.5 }",
        "new TrainingJobArguments { EnableManagedSpotTraining = Parameter.String(\"Spot\", \"true\"), AlgorithmSpecification = null!, RoleArn = \"r\", OutputDataConfig = null!, ResourceConfig = null!, StoppingCondition = null! }",
        "new ProcessingS3Input { S3Uri = Parameter.Integer(\"Uri\", 1), LocalPath = \"/opt/ml/processing/a\", S3DataType = S3DataType.S3Prefix, S3InputMode = S3InputMode.File }",
        "FrameworkProcessor.Sklearn(null!) with { InstanceCount = Parameter.String(\"Count\", \"1\") }",
        "FrameworkEstimator.Sklearn(null!) with { InstanceType = Parameter.Integer(\"Type\", 1) }",
        "(PipelineValue<long>)Parameter.String(\"Count\", \"1\")",
    };

    public static TheoryData<string> RightTypes => new()
    {
        "new ProcessingClusterConfig { InstanceCount = Parameter.Integer(\"Count\", 1), InstanceType = Parameter.String(\"Type\", \"ml.m5.large\"), VolumeSizeInGB = 30 }",
        "new ProcessingClusterConfig { InstanceCount = 1, InstanceType = InstanceType.MlM5Large, VolumeSizeInGB = 30L }",
        "new StoppingCondition { MaxRuntimeInSeconds = 3600 }",
        "new TrainingJobArguments { EnableManagedSpotTraining = Parameter.Boolean(\"Spot\", false), AlgorithmSpecification = null!, RoleArn = Parameter.String(\"Role\"), OutputDataConfig = null!, ResourceConfig = null!, StoppingCondition = null! }",
        "new ProcessingS3Input { S3Uri = Functions.Join(\"/\", \"s3://b\", ExecutionVariables.PipelineExecutionId), LocalPath = \"/opt/ml/processing/a\", S3DataType = S3DataType.S3Prefix, S3InputMode = S3InputMode.File }",
        "new HyperParameters { { \"seed\", Parameter.Integer(\"Seed\", 1) }, { \"rate\", Parameter.Float(\"Rate\", 0.1) }, { \"name\", Parameter.String(\"Name\") }, { \"n\", 3 }, { \"eta\", 0.1 }, { \"on\", true }, { \"label\", \"y\" } }",
    };

    [Theory]
    [MemberData(nameof(WrongTypes))]
    public void A_value_of_the_wrong_type_does_not_compile(string expression)
    {
        var errors = Compile(expression);

        // A conversion error to the typed value, not some other mistake in the snippet.
        Assert.True(
            errors.Count > 0 && errors.All(e => e.Id is "CS0029" or "CS0030" or "CS0266" && e.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("PipelineValue<", StringComparison.Ordinal)),
            $"{expression}: {(errors.Count == 0 ? "compiled" : string.Join("; ", errors))}");
    }

    [Theory]
    [MemberData(nameof(RightTypes))]
    public void A_value_of_the_right_type_or_a_literal_compiles(string expression)
    {
        Assert.Empty(Compile(expression));
    }

    [Fact]
    public void An_untyped_value_of_a_known_other_type_is_refused_when_converted()
    {
        PipelineValue text = Parameter.String("Count", "1");

        var error = Assert.Throws<ArgumentException>(() => new ProcessingClusterConfig { InstanceCount = text, InstanceType = "ml.m5.large", VolumeSizeInGB = 30 });

        Assert.Contains("Get Parameters.Count is String where Integer is needed", error.Message, StringComparison.Ordinal);
        Assert.Equal("Get Parameters.Whole", new PipelineValue<double>(Parameter.Integer("Whole", 1).Reference).Value.Describe());
        PipelineValue<long> count = Parameter.Integer("Count", 1);
        Assert.Throws<InvalidOperationException>(() => $"count={count}");
        Assert.StartsWith("Std:JsonGet(", ((PipelineValue<long>)Functions.JsonGet(new PropertyFileReference("S", "F"), "a.b")).Value.Describe(), StringComparison.Ordinal);
    }

    private static IReadOnlyList<Diagnostic> Compile(string expression)
    {
        var source = $"using MlPipeline.SageMakerPipelines;\nstatic class Snippet {{ static object Make() => {expression}; }}\n";
        var compilation = CSharpCompilation.Create(
            "Snippet", [CSharpSyntaxTree.ParseText(source)], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return [.. compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
    }
}
