namespace MlPipeline.Scaffolder.Manifest;

/// <summary>The kinds of value a template option takes.</summary>
internal enum OptionType
{
    /// <summary>Free text, checked by the option's <see cref="StringRule"/>.</summary>
    String,

    /// <summary>One of a fixed list of values.</summary>
    Choice,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Bool,

    /// <summary>A whole number, within the option's range.</summary>
    Int,
}
