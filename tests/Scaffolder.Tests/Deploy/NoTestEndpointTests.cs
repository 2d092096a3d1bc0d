using System.Text;
using System.Text.RegularExpressions;
using MlPipeline.Scaffolder.Tests.Infrastructure;

namespace MlPipeline.Scaffolder.Tests.Deploy;

/// <summary>
/// The rehearsals point everything at a simulated AWS with test credentials, from outside the project (environment
/// and a test-only Terraform override file). Nothing of that may reach a generated project: no local endpoint, no
/// credential, no provider setting that only a simulator needs.
/// </summary>
public partial class NoTestEndpointTests
{
    [Theory]
    [InlineData("terraform", "github")]
    [InlineData("terraform", "gitlab")]
    [InlineData("terraform", "none")]
    [InlineData("cloudformation", "github")]
    [InlineData("cloudformation", "gitlab")]
    [InlineData("cloudformation", "none")]
    [InlineData("cdk", "github")]
    [InlineData("cdk", "gitlab")]
    [InlineData("cdk", "none")]
    public void No_generated_file_points_at_a_test_endpoint_or_carries_a_credential(string iac, string ci)
    {
        var tree = Scaffold.Render("iac=" + iac, "ci=" + ci, "name=Acme.Churn-2");
        var found = tree.Files
            .Where(f => !f.Path.EndsWith(".csv", StringComparison.Ordinal))
            .SelectMany(f => Forbidden().Matches(Encoding.UTF8.GetString(f.Content)).Select(m => $"{f.Path}: '{m.Value}'"))
            .ToList();

        Assert.True(found.Count == 0, "Test-only settings in the generated project:\n" + string.Join('\n', found));
        Assert.DoesNotContain(tree.Files, f => f.Path.EndsWith("_override.tf", StringComparison.Ordinal) && !f.Path.StartsWith("infra/terraform/ci/", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"127\.0\.0\.1|localhost|\bmoto|AWS_ENDPOINT_URL|endpoint_url|--endpoint-url|aws_access_key_id|aws_secret_access_key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AKIA[0-9A-Z]{16}|skip_credentials_validation|s3_use_path_style|ForcePathStyle|\baccess_key\s*=|\bsecret_key\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex Forbidden();
}
