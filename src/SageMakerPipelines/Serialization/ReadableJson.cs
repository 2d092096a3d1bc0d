using System.Text.Encodings.Web;
using System.Text.Json;

namespace MlPipeline.SageMakerPipelines.Serialization;

/// <summary>
/// How the files and outputs people read are written (run records, lineage, the registry, the step cache, --json):
/// indented, and with ', &lt;, &gt;, &amp;, + and non-ASCII letters as themselves instead of \u escapes. Quotes,
/// backslashes and control characters are still escaped, so every JSON reader reads the same values.
/// </summary>
internal static class ReadableJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
