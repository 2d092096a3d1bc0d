using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>The AWS SDK pipeline step that puts SageMaker's endpoint on each request.</summary>
internal sealed class SageMakerEndpointResolver : BaseEndpointResolver
{
    protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext) =>
        SageMakerEndpointProvider.Parameters(requestContext.ClientConfig, requestContext.Request.AlternateEndpoint);
}
