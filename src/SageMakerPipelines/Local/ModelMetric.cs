using System.Globalization;

namespace MlPipeline.SageMakerPipelines.Local;

/// <summary>One metric of a model quality report, such as the AUC of a binary classifier.</summary>
/// <param name="Category">The report's section, such as <c>binary_classification_metrics</c>.</param>
/// <param name="Name">The metric, such as <c>auc</c>.</param>
/// <param name="Value">Its value.</param>
/// <param name="StandardDeviation">Its standard deviation, when the report gives one.</param>
public sealed record ModelMetric(string Category, string Name, double Value, double? StandardDeviation)
{
    /// <summary>The metric as people read it: <c>auc 0.9123 ± 0.0051</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} {Value:0.####}{(StandardDeviation is { } sd ? $" ± {sd:0.####}" : "")}");
}
