namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>A theory that needs Terraform: reported as skipped, with the reason, where Terraform is absent (never as passed).</summary>
internal sealed class TerraformTheoryAttribute : TheoryAttribute
{
    public TerraformTheoryAttribute()
    {
        if (Terraform.MissingReason is { } reason)
        {
            Skip = $"SKIPPED, not passed: {reason}.";
        }
    }
}
