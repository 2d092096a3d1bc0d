using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>
/// The configuration of <see cref="SageMakerPipelinesClient"/>: the AWS SDK's own <see cref="ClientConfig"/>, so the
/// region, endpoint, retry mode and timeouts are found and set as for any AWS SDK client (AWS_REGION, the profile,
/// <see cref="ClientConfig.ServiceURL"/> for a local endpoint such as moto_server).
/// </summary>
public sealed class SageMakerClientConfig : ClientConfig
{
    private static readonly string Agent = InternalSDKUtils.BuildUserAgentString("SageMaker", "4.1.0");

    /// <summary>A configuration with the SDK's defaults: standard retry mode in every defaults mode, the region from the environment or profile.</summary>
    public SageMakerClientConfig()
        : base(new DefaultConfigurationProvider(
            Enum.GetValues<DefaultConfigurationMode>().Select(mode => new DefaultConfiguration { Name = mode, RetryMode = RequestRetryMode.Standard })))
    {
        ServiceId = "SageMaker";
        AuthenticationServiceName = "sagemaker";
        EndpointProvider = new SageMakerEndpointProvider();
    }

    /// <inheritdoc />
    public override string RegionEndpointServiceName => "api.sagemaker";

    /// <inheritdoc />
    public override string ServiceVersion => "2017-07-24";

    /// <inheritdoc />
    public override string UserAgent => Agent;

    /// <inheritdoc />
    public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return EndpointProvider.ResolveEndpoint(SageMakerEndpointProvider.Parameters(this, parameters.AlternateEndpoint));
    }
}
