using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace MlPipeline.SageMakerPipelines.Cloud;

/// <summary>One call of SageMaker's JSON protocol (awsJson1_1): the operation's name and its request body.</summary>
internal sealed class JsonOperationRequest(string operation, byte[] body) : AmazonWebServiceRequest
{
    public string Operation { get; } = operation;

    public byte[] Body { get; } = body;
}

/// <summary>The answer to a <see cref="JsonOperationRequest"/>: the response body, parsed.</summary>
internal sealed class JsonOperationResponse : AmazonWebServiceResponse
{
    public JsonObject Body { get; init; } = [];
}

/// <summary>Makes the HTTP request: POST / with X-Amz-Target SageMaker.OPERATION and the JSON body; the SDK signs and sends it.</summary>
internal sealed class JsonOperationMarshaller : IMarshaller<IRequest, AmazonWebServiceRequest>
{
    public static JsonOperationMarshaller Instance { get; } = new();

    public IRequest Marshall(AmazonWebServiceRequest input)
    {
        var operation = (JsonOperationRequest)input;
        var request = new DefaultRequest(operation, "SageMaker")
        {
            HttpMethod = "POST",
            ResourcePath = "/",
            Content = operation.Body,
        };
        request.Headers["X-Amz-Target"] = "SageMaker." + operation.Operation;
        request.Headers["Content-Type"] = "application/x-amz-json-1.1";
        request.Headers["X-Amz-Api-Version"] = "2017-07-24";
        return request;
    }
}

/// <summary>
/// Reads a response body as JSON, and an error as the service's error code (<c>__type</c> or the x-amzn-ErrorType
/// header) and message in an <see cref="AmazonServiceException"/>, which the SDK's retry policy reads: throttling
/// codes and 5xx answers are retried with back-off.
/// </summary>
internal sealed class JsonOperationUnmarshaller : JsonResponseUnmarshaller
{
    public static JsonOperationUnmarshaller Instance { get; } = new();

    public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var buffer = new MemoryStream();
        context.Stream.CopyTo(buffer);
        var body = buffer.Length == 0 ? [] : JsonNode.Parse(buffer.ToArray()) as JsonObject
            ?? throw new AmazonUnmarshallingException("", "", "SageMaker answered with JSON that is not an object.", null);
        return new JsonOperationResponse { Body = body };
    }

    public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reader = new StreamingUtf8JsonReader(context.Stream);
        var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
        return new AmazonServiceException(error.Message, innerException, error.Type, error.Code, error.RequestId, statusCode);
    }
}
