using MlPipeline.Shared;

namespace MlPipeline.Tests.Shared;

/// <summary>A readable line diff for failure messages: the product's own unified diff (src/Shared/UnifiedDiff.cs).</summary>
internal static class TextDiff
{
    public static string Unified(string before, string after) => UnifiedDiff.Of(before, after, "expected", "actual");
}
