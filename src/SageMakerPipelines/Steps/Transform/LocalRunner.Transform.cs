using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MlPipeline.SageMakerPipelines.Definition;

namespace MlPipeline.SageMakerPipelines.Local;

public sealed partial class LocalRunner
{
    internal static partial class Kinds
    {
        public static readonly LocalStepKind Transform = new()
        {
            Run = (runner, s) => runner.RunJobAsync(s, arguments => runner.RunTransformAsync(s.Step, arguments, s.Run, s.Folder, s.LogPath, s.CancellationToken)),
            Plan = (runner, step, known, _, _) =>
            {
                foreach (var uri in new[] { step.Arguments["TransformInput"]?["DataSource"]?["S3DataSource"]?["S3Uri"], step.Arguments["TransformOutput"]?["S3OutputPath"] }.Select(known).OfType<string>())
                {
                    runner.Store.PathOf(uri);
                }
            },
            InputUris = step => [step.Arguments["TransformInput"]?["DataSource"]?["S3DataSource"]?["S3Uri"]],
        };
    }

    /// <summary>The largest request of a batch transform when MaxPayloadInMB is not given, as on SageMaker.</summary>
    private const long DefaultMaxPayloadInMB = 6;

    private static readonly Lazy<string> TransformHost = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("transform.py")
            ?? throw new InvalidOperationException("transform.py is not embedded in the library.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// A Transform step: the model a Model step of this project created (its container's ModelDataUrl, image and
    /// script-mode environment; a container that names a model package takes the registered version's), unpacked into
    /// the job's /opt/ml/model, its SAGEMAKER_PROGRAM run by transform.py with the inference toolkit's contract for every
    /// object under TransformInput's S3 URI, one OBJECT.out per object under TransformOutput.S3OutputPath.
    /// </summary>
    private async Task<Execution> RunTransformAsync(DefinitionStep step, JsonObject arguments, RunState run, string folder, string logPath, CancellationToken cancellationToken)
    {
        var input = arguments["TransformInput"] as JsonObject ?? [];
        var source = input["DataSource"]?["S3DataSource"] as JsonObject ?? [];
        foreach (var (member, value, allowed) in new[]
        {
            ("TransformInput.DataSource.S3DataSource.S3DataType", source["S3DataType"], "S3Prefix"),
            ("TransformInput.CompressionType", input["CompressionType"], "None"),
        })
        {
            if (value is not null && RunValues.Text(value) != allowed)
            {
                throw new LocalRunException(step.Name, $"its {member} is {RunValues.Text(value)}; local batch transform reads {allowed} only.");
            }
        }

        if (arguments["DataProcessing"] is not null)
        {
            throw new LocalRunException(step.Name, "it filters or joins records (DataProcessing); local batch transform does not, so run it on SageMaker or leave DataProcessing out.");
        }

        var modelName = RunValues.Text(arguments["ModelName"]);
        var model = TransformModel(step.Name, modelName);
        var container = Path.Combine(folder, "container");
        var ml = Path.Combine(container, "opt", "ml");
        var modelDir = Path.Combine(ml, "model");
        var modelData = RunValues.Text(model["ModelDataUrl"]);
        if (!File.Exists(Store.PathOf(modelData)))
        {
            throw new LocalRunException(step.Name, $"the model data of model '{modelName}' ({modelData}) is not in the local object store.");
        }

        DeterministicArchive.Extract(Store.PathOf(modelData), modelDir);
        var environment = (model["Environment"] as JsonObject ?? []).ToDictionary(p => p.Key, p => RunValues.Text(p.Value), StringComparer.Ordinal);
        var program = environment.GetValueOrDefault("SAGEMAKER_PROGRAM") is { Length: > 0 } given ? Unquote(given)! : null;
        if (program is null)
        {
            throw new LocalRunException(step.Name, $"model '{modelName}' has no SAGEMAKER_PROGRAM in its container's environment; local batch transform runs script-mode models (an inference script with model_fn).");
        }

        var code = Path.Combine(ml, "code");
        if (environment.GetValueOrDefault("SAGEMAKER_SUBMIT_DIRECTORY") is { Length: > 0 } quoted && Unquote(quoted) is { } submit && submit.StartsWith("s3://", StringComparison.Ordinal))
        {
            if (submit.EndsWith(".tar.gz", StringComparison.Ordinal) && File.Exists(Store.PathOf(submit)))
            {
                DeterministicArchive.Extract(Store.PathOf(submit), code);
            }
            else if (Store.Download(submit, code) == 0)
            {
                throw new LocalRunException(step.Name, $"the inference code of model '{modelName}' ({submit}) is not in the local object store.");
            }
        }
        else
        {
            code = Path.Combine(modelDir, "code"); // the SDK's repacked model: model.tar.gz/code/PROGRAM
        }

        LocalSandbox.CheckScript(code, LocalSandbox.MapRelative(code, program, "the inference script (SAGEMAKER_PROGRAM)"), "the inference script");
        var inputUri = RunValues.Text(source["S3Uri"]);
        var inputs = Path.Combine(ml, "transform", "input");
        var outputs = Path.Combine(ml, "transform", "output");
        if (Store.Download(inputUri, inputs) == 0)
        {
            throw new LocalRunException(step.Name, $"its input {inputUri} has no objects in the local object store (looked in {Store.PathOf(inputUri)}).");
        }

        Directory.CreateDirectory(outputs);
        var files = Store.List(inputUri).Select(o => o.RelativeKey).ToList();
        var maxPayload = arguments["MaxPayloadInMB"] is { } payload ? long.Parse(RunValues.Text(payload), CultureInfo.InvariantCulture) : DefaultMaxPayloadInMB;
        var contentType = input["ContentType"] is { } type ? RunValues.Text(type) : "application/json";
        var accept = arguments["TransformOutput"]?["Accept"] is { } accepted ? RunValues.Text(accepted)
            : environment.GetValueOrDefault("SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT") ?? "application/json";
        var job = new JsonObject
        {
            ["model_dir"] = modelDir,
            ["code_dir"] = code,
            ["program"] = program,
            ["content_type"] = contentType,
            ["accept"] = accept,
            ["split_type"] = input["SplitType"] is { } split ? RunValues.Text(split) : "None",
            ["batch_strategy"] = arguments["BatchStrategy"] is { } strategy ? RunValues.Text(strategy) : "MultiRecord",
            ["max_payload_bytes"] = maxPayload * 1024 * 1024,
            ["assemble_with"] = arguments["TransformOutput"]?["AssembleWith"] is { } assemble ? RunValues.Text(assemble) : "None",
            ["inputs"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = LocalSandbox.MapRelative(inputs, f, $"input object '{f}'"),
                ["out"] = LocalSandbox.MapRelative(outputs, f + ".out", $"output object '{f}.out'"),
            })]),
        };
        var jobFile = Path.Combine(folder, "transform-job.json");
        var host = Path.Combine(folder, "transform.py");
        AtomicFile.WriteText(jobFile, job.ToJsonString());
        AtomicFile.WriteText(host, TransformHost.Value);
        foreach (var (name, value) in arguments["Environment"] as JsonObject ?? [])
        {
            environment[name] = RunValues.Text(value);
        }

        var variables = StepEnvironment(new JsonObject(environment.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))), container);
        variables["SAGEMAKER_BATCH"] = "true";
        variables["SAGEMAKER_MAX_PAYLOAD_IN_MB"] = maxPayload.ToString(CultureInfo.InvariantCulture);
        variables["SAGEMAKER_BATCH_STRATEGY"] = job["batch_strategy"]!.GetValue<string>() == "SingleRecord" ? "SINGLE_RECORD" : "MULTI_RECORD";
        var outcome = await ChildProcess.RunAsync(run.Python, run.Python, [host, jobFile], variables, code, logPath, null, cancellationToken);
        CheckExit(step.Name, outcome, arguments, logPath);

        var outputUri = RunValues.Text(arguments["TransformOutput"]?["S3OutputPath"]);
        Store.Upload(outputs, outputUri);
        var jobName = JobName(step, run);
        var properties = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["TransformJobName"] = jobName,
            ["TransformJobArn"] = $"arn:aws:sagemaker:local:000000000000:transform-job/{jobName.ToLowerInvariant()}",
            ["TransformJobStatus"] = "Completed",
        };
        var lineage = new JsonObject
        {
            ["Image"] = model["Image"]?.DeepClone(),
            ["Model"] = new JsonObject { ["ModelName"] = modelName, ["ModelDataUrl"] = modelData, ["Sha256"] = Sha256File(Store.PathOf(modelData)), ["Program"] = program },
            ["Inputs"] = new JsonArray(new JsonObject { ["S3Uri"] = inputUri, ["Sha256"] = Store.ContentHash(inputUri) }),
        };
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var uri = $"{outputUri.TrimEnd('/')}/{file}.out";
            hashes[uri] = Store.ContentHash(uri);
        }

        return new Execution(properties, [], hashes, outcome.Elapsed, logPath, lineage);
    }

    /// <summary>
    /// The container of a model a Model step of this project created (the state folder's models/NAME.json), or, when
    /// that container names a model package (ModelPackageName), the registered version's first container.
    /// </summary>
    private JsonObject TransformModel(string stepName, string modelName)
    {
        if (!ModelNamePattern().IsMatch(modelName))
        {
            throw new LocalRunException(stepName, $"its ModelName '{modelName}' is not a model name a local run makes (letters, digits, hyphens and underscores, at most 63).");
        }

        var path = Path.Combine(options.StateFolder, "models", modelName + ".json");
        if (!File.Exists(path))
        {
            throw new LocalRunException(stepName,
                $"model '{modelName}' was not made by a Model step of a local run ({path} is missing); create it with a Model step (CreateModelStep) before this step and use its ModelName property.");
        }

        var model = ReadJson(path) as JsonObject ?? [];
        var container = model["PrimaryContainer"] as JsonObject ?? (model["Containers"] as JsonArray)?.FirstOrDefault() as JsonObject
            ?? throw new LocalRunException(stepName, $"model '{modelName}' has no container ({path}).");
        if (container["ModelPackageName"] is { } packageName)
        {
            var arn = RunValues.Text(packageName);
            var package = Registry.Groups().SelectMany(Registry.Versions).FirstOrDefault(p => p.Arn == arn)
                ?? throw new LocalRunException(stepName, $"model '{modelName}' serves model package {arn}, which is not in the local registry.");
            container = package.Document["InferenceSpecification"]?["Containers"]?[0] as JsonObject
                ?? throw new LocalRunException(stepName, $"model package {arn} has no inference container.");
        }

        return container;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9][a-zA-Z0-9\-_]{0,62}$")]
    private static partial Regex ModelNamePattern();
}
