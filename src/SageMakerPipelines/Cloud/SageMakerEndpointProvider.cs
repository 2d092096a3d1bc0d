using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>
/// SageMaker's API endpoint: the configured service URL as given, else https://api.sagemaker.REGION.DNS-SUFFIX with the
/// region's partition suffix from the AWS SDK's region table (api-fips.sagemaker… when FIPS is asked for).
/// </summary>
internal sealed class SageMakerEndpointProvider : IEndpointProvider
{
    public static EndpointParameters Parameters(IClientConfig config, RegionEndpoint? alternate)
    {
        var parameters = new EndpointParameters();
        parameters["Region"] = alternate?.SystemName ?? config.RegionEndpoint?.SystemName ?? config.AuthenticationRegion;
        parameters["UseFIPS"] = config.UseFIPSEndpoint;
        parameters["UseDualStack"] = config.UseDualstackEndpoint;
        parameters["Endpoint"] = string.IsNullOrEmpty(config.ServiceURL) ? null : config.ServiceURL;
        return parameters;
    }

    public Endpoint ResolveEndpoint(EndpointParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters["Endpoint"] is string url)
        {
            return new Endpoint(url);
        }

        if (parameters["Region"] is not string { Length: > 0 } region)
        {
            throw new AmazonClientException("No AWS region is configured for SageMaker: set AWS_REGION (or region in the AWS profile), or give a service URL.");
        }

        if (parameters["UseDualStack"] is true)
        {
            throw new AmazonClientException("SageMaker's dual-stack endpoints are not supported by this client; unset AWS_USE_DUALSTACK_ENDPOINT or give a service URL.");
        }

        var suffix = RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix ?? "amazonaws.com";
        var host = parameters["UseFIPS"] is true ? "api-fips.sagemaker" : "api.sagemaker";
        return new Endpoint($"https://{host}.{region}.{suffix}");
    }
}
