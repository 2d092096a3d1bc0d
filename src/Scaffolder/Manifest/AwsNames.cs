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
        ("sthree-", "S3 bucket names must not start with sthree- (or sthree-configurator)"),
        ("amzn-s3-demo-", "S3 bucket names must not start with amzn-s3-demo-"),
        ("awsservicerolefor", "IAM reserves role names that start with AWSServiceRoleFor for service-linked roles"),
    ];

    /// <summary>
    /// The AWS rule that a name the templates make from <paramref name="prefix"/> breaks, or null. Every such name is the
    /// prefix, a hyphen and an ending (<c>-local</c>, <c>-test</c>, <c>-ACCOUNT-REGION-ml</c>, <c>-sagemaker-execution</c>,
    /// <c>-ci-deploy</c>): a reserved prefix is checked with that hyphen (<c>sthree</c> gives <c>sthree-local</c>), and
    /// S3's reserved suffixes (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3) cannot occur, nor its prefix xn-- (the
    /// resource form never has two hyphens in a row).
    /// </summary>
    /// <param name="prefix">The resource form of the project name, such as <c>acme-churn</c>.</param>
    public static string? ReservedBy(string prefix) =>
        Prefixes.FirstOrDefault(p => (prefix + "-").StartsWith(p.Prefix, StringComparison.OrdinalIgnoreCase)).Rule;
}
