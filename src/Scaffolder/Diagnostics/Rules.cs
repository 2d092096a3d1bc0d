namespace MlPipeline.Scaffolder.Diagnostics;

/// <summary>
/// Every rule the generator checks, one stable code each. Codes are never reused or renumbered:
/// users search for them. SCAF0xx are about the spec, SCAF1xx the templates, SCAF2xx the manifests,
/// SCAF3xx writing the project.
/// </summary>
internal static class Rules
{
    public static readonly DiagnosticRule SpecFileUnreadable = new("SCAF001", "The spec file cannot be read");
    public static readonly DiagnosticRule SpecNotYaml = new("SCAF002", "The spec file is not valid YAML");
    public static readonly DiagnosticRule SpecShape = new("SCAF003", "The spec does not have the expected shape");
    public static readonly DiagnosticRule UnknownSpecKey = new("SCAF004", "Unknown key in the spec");
    public static readonly DiagnosticRule UnknownOption = new("SCAF005", "Unknown option");
    public static readonly DiagnosticRule WrongType = new("SCAF006", "Value of the wrong type");
    public static readonly DiagnosticRule NotAChoice = new("SCAF007", "Value is not one of the choices");
    public static readonly DiagnosticRule PatternMismatch = new("SCAF008", "Value does not match the option's pattern");
    public static readonly DiagnosticRule TooLong = new("SCAF009", "Value is too long");
    public static readonly DiagnosticRule TooShort = new("SCAF010", "Value is too short");
    public static readonly DiagnosticRule ReservedWord = new("SCAF011", "Value is a reserved word");
    public static readonly DiagnosticRule OutOfRange = new("SCAF012", "Number out of range");
    public static readonly DiagnosticRule WrongTemplate = new("SCAF013", "The spec is for another template");
    public static readonly DiagnosticRule TemplateVersion = new("SCAF014", "The spec's template version cannot be used");
    public static readonly DiagnosticRule MalformedSet = new("SCAF015", "Malformed --set argument");
    public static readonly DiagnosticRule MissingValue = new("SCAF016", "Required option has no value");
    public static readonly DiagnosticRule NotSingleLine = new("SCAF017", "Value must be a single line of text");
    public static readonly DiagnosticRule InvalidText = new("SCAF018", "Value is not valid Unicode text");
    public static readonly DiagnosticRule SpecTooLarge = new("SCAF019", "The spec file is too large");
    public static readonly DiagnosticRule SpecNotUtf8 = new("SCAF020", "The spec file is not UTF-8 text");
    public static readonly DiagnosticRule SpecTooDeep = new("SCAF021", "The spec file is nested too deeply");
    public static readonly DiagnosticRule InvisibleCharacter = new("SCAF022", "Value holds an invisible formatting character");
    public static readonly DiagnosticRule ReservedAwsName = new("SCAF023", "The name gives an AWS resource name that AWS reserves");
    public static readonly DiagnosticRule OptionsConflict = new("SCAF024", "One option's value needs another option's value");
    public static readonly DiagnosticRule PackageSource = new("SCAF030", "The package source does not hold the MlPipeline packages");

    public static readonly DiagnosticRule TemplateSyntax = new("SCAF101", "Template syntax error");
    public static readonly DiagnosticRule TemplateRuntime = new("SCAF102", "Template evaluation error");
    public static readonly DiagnosticRule InvalidOutputPath = new("SCAF103", "A template renders an invalid output path");
    public static readonly DiagnosticRule DuplicateOutputPath = new("SCAF104", "Two templates render the same output path");
    public static readonly DiagnosticRule RuleExpression = new("SCAF105", "A file rule's condition is not a valid boolean expression");

    public static readonly DiagnosticRule ManifestInvalid = new("SCAF201", "The template manifest is invalid");
    public static readonly DiagnosticRule ManifestOption = new("SCAF202", "An option in the template manifest is invalid");
    public static readonly DiagnosticRule ManifestInclude = new("SCAF203", "The template manifest includes an unknown template");

    public static readonly DiagnosticRule TargetIsFile = new("SCAF301", "The target is a file");
    public static readonly DiagnosticRule TargetNotEmpty = new("SCAF302", "The target folder is not empty");
    public static readonly DiagnosticRule WriteFailed = new("SCAF303", "The project could not be written");
    public static readonly DiagnosticRule GitFailed = new("SCAF304", "git could not initialise the repository");
    public static readonly DiagnosticRule SymbolicLink = new("SCAF305", "A symbolic link where the template writes");
    public static readonly DiagnosticRule NotAProject = new("SCAF306", "The folder is not a generated project");
    public static readonly DiagnosticRule UncommittedChanges = new("SCAF307", "The project has uncommitted changes");
    public static readonly DiagnosticRule UpdateVersion = new("SCAF308", "The project cannot be updated to that template version");

    public static readonly DiagnosticRule PackCompile = new("SCAF401", "The template cannot be compiled into a dotnet new template");
    public static readonly DiagnosticRule PackCheck = new("SCAF402", "The compiled template.json fails a check");

    /// <summary>All rules, for documentation and for the test that keeps codes unique.</summary>
    public static IReadOnlyList<DiagnosticRule> All { get; } =
    [
        SpecFileUnreadable, SpecNotYaml, SpecShape, UnknownSpecKey, UnknownOption, WrongType, NotAChoice,
        PatternMismatch, TooLong, TooShort, ReservedWord, OutOfRange, WrongTemplate, TemplateVersion,
        MalformedSet, MissingValue, NotSingleLine, InvalidText, SpecTooLarge, SpecNotUtf8, SpecTooDeep, InvisibleCharacter, ReservedAwsName,
        PackageSource,
        TemplateSyntax, TemplateRuntime, InvalidOutputPath, DuplicateOutputPath, RuleExpression,
        ManifestInvalid, ManifestOption, ManifestInclude,
        TargetIsFile, TargetNotEmpty, WriteFailed, GitFailed, SymbolicLink, NotAProject, UncommittedChanges, UpdateVersion,
        PackCompile, PackCheck,
    ];
}
