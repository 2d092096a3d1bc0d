namespace MlPipeline.Scaffolder.Manifest;

/// <summary>
/// What AWS reserves in the names a project makes from its resource prefix (<c>PREFIX-local</c>, <c>PREFIX-ACCOUNT-REGION-ml</c>
/// buckets, <c>PREFIX-sagemaker-execution</c> roles). From S3's general purpose bucket naming rules and IAM's
/// service-linked role names; a name that breaks one would fail only when the stack is deployed.
/// </summary>
internal static class AwsNames
{
    private static readonly (string Prefix, string Rule)[] Prefixes =
    [
        ("xn--", "S3 bucket names must not start with xn--"),
        ("sthree-", "S3 bucket names must not start with sthree- (or sthree-configurator)"),
        ("amzn-s3-demo-", "S3 bucket names must not start with amzn-s3-demo-"),
        ("awsservicerolefor", "IAM reserves role names that start with AWSServiceRoleFor for service-linked roles"),
    ];

    private static readonly (string Suffix, string Rule)[] Suffixes =
    [
        ("-s3alias", "S3 bucket names must not end with -s3alias (access point aliases)"),
        ("--ol-s3", "S3 bucket names must not end with --ol-s3 (Object Lambda access point aliases)"),
        (".mrap", "S3 bucket names must not end with .mrap (Multi-Region Access Points)"),
        ("--x-s3", "S3 bucket names must not end with --x-s3 (directory buckets)"),
        ("--table-s3", "S3 bucket names must not end with --table-s3 (table buckets)"),
    ];

    /// <summary>The words the templates put after the prefix: the bucket of local runs, of the tests, of the stack.</summary>
    private static readonly string[] Endings = ["-local", "-test", "-123456789012-us-east-1-ml", "-sagemaker-execution", "-ci-deploy"];

    /// <summary>The AWS rule that a name the templates make from <paramref name="prefix"/> breaks, or null.</summary>
    /// <param name="prefix">The resource form of the project name, such as <c>acme-churn</c>.</param>
    public static string? ReservedBy(string prefix) =>
        Endings.Select(ending => prefix + ending).Select(name =>
            Prefixes.FirstOrDefault(p => name.StartsWith(p.Prefix, StringComparison.OrdinalIgnoreCase)).Rule
            ?? Suffixes.FirstOrDefault(s => name.EndsWith(s.Suffix, StringComparison.OrdinalIgnoreCase)).Rule).FirstOrDefault(rule => rule is not null);
}
