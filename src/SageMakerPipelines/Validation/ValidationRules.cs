namespace MlPipeline.SageMakerPipelines.Validation;

/// <summary>
/// Every rule the validator checks, with its stable code. Each is a limit SageMaker enforces only when the
/// pipeline is created or run; checking it here moves the failure to build time.
/// </summary>
public static class ValidationRules
{
    /// <summary>
    /// The definition is not a JSON object with Version, Parameters and Steps, a step in it is not an object, or a step
    /// lacks a member SageMaker requires (its Arguments, and what its kind's API request requires in them).
    /// </summary>
    public const string MalformedDefinition = "SMP001";

    /// <summary>The definition's Version is not 2020-12-01.</summary>
    public const string UnsupportedVersion = "SMP002";

    /// <summary>The pipeline name breaks SageMaker's pattern (letters, digits, hyphens; at most 256).</summary>
    public const string InvalidPipelineName = "SMP003";

    /// <summary>A parameter name breaks the pattern ^[A-Za-z0-9\-_]{1,64}$.</summary>
    public const string InvalidParameterName = "SMP004";

    /// <summary>Two parameters have the same name.</summary>
    public const string DuplicateParameter = "SMP005";

    /// <summary>A parameter's type is unknown, its default is not of that type or not one of its EnumValues.</summary>
    public const string InvalidParameterDefault = "SMP006";

    /// <summary>A step name breaks the pattern ^[A-Za-z0-9\-_]{1,64}$.</summary>
    public const string InvalidStepName = "SMP007";

    /// <summary>Two steps have the same name (branches included).</summary>
    public const string DuplicateStep = "SMP008";

    /// <summary>A reference to a parameter that does not exist.</summary>
    public const string UnknownParameter = "SMP009";

    /// <summary>A reference to an execution variable that does not exist.</summary>
    public const string UnknownExecutionVariable = "SMP010";

    /// <summary>A reference to a step that does not exist.</summary>
    public const string UnknownStep = "SMP011";

    /// <summary>A reference to a property or output the step does not have.</summary>
    public const string UnknownProperty = "SMP012";

    /// <summary>A reference to a property file the step does not declare, or to one written to an output the step does not have.</summary>
    public const string UnknownPropertyFile = "SMP013";

    /// <summary>DependsOn names a step that does not exist.</summary>
    public const string UnknownDependency = "SMP014";

    /// <summary>Steps depend on each other in a cycle.</summary>
    public const string Cycle = "SMP015";

    /// <summary>A step in one branch of a condition uses a step of the other branch, which never runs with it.</summary>
    public const string CrossBranchReference = "SMP016";

    /// <summary>A container argument or entrypoint item is over 256 characters.</summary>
    public const string ContainerArgumentTooLong = "SMP017";

    /// <summary>A map value (environment, hyperparameters, metadata) is over the API's limit for that map.</summary>
    public const string MapValueTooLong = "SMP018";

    /// <summary>A model package group name is not 1 to 63 letters, digits and hyphens.</summary>
    public const string InvalidResourceName = "SMP019";

    /// <summary>An S3 URI is not s3://bucket/key.</summary>
    public const string MalformedS3Uri = "SMP020";

    /// <summary>A role ARN is not arn:aws:iam::ACCOUNT:role/NAME.</summary>
    public const string MalformedRoleArn = "SMP021";

    /// <summary>A value where the API wants a string is not a string (wrap it in Std:Join).</summary>
    public const string NotAString = "SMP022";

    /// <summary>A step type the validator does not know.</summary>
    public const string UnknownStepType = "SMP023";

    /// <summary>A number is outside the range the API accepts (an instance count of 0, a run time of 0 seconds).</summary>
    public const string ValueOutOfRange = "SMP024";

    /// <summary>A condition is not one SageMaker parses: an unknown Type, or members that type does not have (Not with 'Expression').</summary>
    public const string InvalidCondition = "SMP025";

    /// <summary>A Std:Join or Std:JsonGet lacks what SageMaker resolves: JsonGet reads one PropertyFile or an S3Uri made by Std:Join of plain values.</summary>
    public const string InvalidFunction = "SMP026";

    /// <summary>A retry policy SageMaker does not take: unknown exception types, numbers out of range, both MaxAttempts and ExpireAfterMin, or a step that is not retried.</summary>
    public const string InvalidRetryPolicy = "SMP027";

    /// <summary>
    /// A tuning job CreateHyperParameterTuningJob refuses: an unknown strategy or objective type, an objective metric the
    /// training job does not define, a range whose bounds are not numbers, are reversed or do not fit its scaling type,
    /// more than 30 categorical values or ranges, a hyperparameter tuned twice or both tuned and static, or a grid over
    /// a range that is not categorical.
    /// </summary>
    public const string InvalidTuningJob = "SMP028";

    /// <summary>Local runs only: a path the definition names (container path, channel, property file, program, S3 key) leads outside the run's folders.</summary>
    public const string PathOutsideSandbox = "SMP101";

    /// <summary>Local runs only: the entrypoint is not the configured Python on a script of the step's own code (allow others with --allow-entrypoint).</summary>
    public const string EntrypointNotAllowed = "SMP102";

    /// <summary>Local runs only: a symbolic link where the runner reads or writes (object store, container folders, outputs, code archives).</summary>
    public const string SymbolicLinkRefused = "SMP103";

    /// <summary>Every code, for documentation and the test that keeps codes unique.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        MalformedDefinition, UnsupportedVersion, InvalidPipelineName, InvalidParameterName, DuplicateParameter,
        InvalidParameterDefault, InvalidStepName, DuplicateStep, UnknownParameter, UnknownExecutionVariable,
        UnknownStep, UnknownProperty, UnknownPropertyFile, UnknownDependency, Cycle, CrossBranchReference,
        ContainerArgumentTooLong, MapValueTooLong, InvalidResourceName, MalformedS3Uri, MalformedRoleArn,
        NotAString, UnknownStepType, ValueOutOfRange, InvalidCondition, InvalidFunction, InvalidRetryPolicy,
        InvalidTuningJob,
        PathOutsideSandbox, EntrypointNotAllowed, SymbolicLinkRefused,
    ];
}
