namespace MlPipeline.Scaffolder.Tests.Infrastructure;

/// <summary>A fact that needs Terraform: reported as skipped, with the reason, where Terraform is absent (never as passed).</summary>
internal sealed class TerraformFactAttribute : FactAttribute
{
    public TerraformFactAttribute()
    {
        if (Terraform.MissingReason is { } reason)
        {
            Skip = $"SKIPPED, not passed: {reason}.";
        }
    }
}
