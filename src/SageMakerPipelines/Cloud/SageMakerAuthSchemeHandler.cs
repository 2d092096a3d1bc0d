using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>The AWS SDK pipeline step that picks SigV4, the only scheme SageMaker's API takes; the SDK signs.</summary>
internal sealed class SageMakerAuthSchemeHandler : BaseAuthResolverHandler
{
    protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext) => AuthSchemeOption.DEFAULT_SIGV4;
}
