namespace MlPipeline.Scaffolder.Manifest;

/// <summary>Named lists of words an option's value must not be (or, for dotted names, contain as a segment).</summary>
internal static class ReservedWords
{
    // The C# language's reserved keywords; a project name ends up in namespaces and type names.
    private static readonly HashSet<string> CSharpKeywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    private static readonly Dictionary<string, (string Description, HashSet<string> Words)> Lists = new(StringComparer.Ordinal)
    {
        ["csharp-keywords"] = ("a C# keyword", CSharpKeywords),
    };

    public static IEnumerable<string> ListNames => Lists.Keys;

    /// <summary>The list in words, for messages: "a C# keyword".</summary>
    public static string Describe(string list) => Lists[list].Description;

    public static bool IsKnownList(string list) => Lists.ContainsKey(list);

    /// <summary>The words of a list, in order.</summary>
    // Stryker disable once Linq : the steps made from the words match the same names in any order; sorting only fixes the order
    public static IReadOnlyList<string> Words(string list) => [.. Lists[list].Words.Order(StringComparer.Ordinal)];

    /// <summary>
    /// The first dot-separated segment of <paramref name="value"/> that is in the list, also once its hyphens are
    /// dropped (the namespace form drops them: <c>clas-s</c> would become <c>class</c>), or null.
    /// </summary>
    public static string? FindReserved(string list, string value) =>
        value.Split('.').Select(segment => segment.Replace("-", "", StringComparison.Ordinal)).FirstOrDefault(Lists[list].Words.Contains);
}
