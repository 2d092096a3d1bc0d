using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MlPipeline.Tests.Shared;

namespace MlPipeline.Scaffolder.Tests.Deploy;

/// <summary>
/// The CDK rehearsal's proxy, driven with real HTTPS against a real moto_server: every message must keep its framing
/// (moto's two interim 100 Continue before its answer to a PUT, an answer to HEAD that names a length but has no body,
/// bodies of many reads, with a length or in chunks), and a crash of moto (500) must reach the client as a status the
/// AWS SDKs do not retry. moto_server (Werkzeug) answers every request with Connection: close, so each tunnel carries
/// one exchange: a body read too far or too short shows as a wrong object or a hang, a misread head as a 500 that passed.
/// </summary>
public sealed class MotoHttpsProxyTests
{
    [Fact]
    public async Task Messages_keep_their_framing_and_a_moto_crash_arrives_as_a_400()
    {
        using var temp = new TempDirectory();
        using var moto = new MotoServer();
        using var proxy = new MotoHttpsProxy(moto, temp.Path);
        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(proxy.CaBundle));
        using var handler = new SocketsHttpHandler
        {
            Proxy = new WebProxy(proxy.Address),
            UseProxy = true,
            // A client that asked for 100 Continue sends its body only after it (never after a timeout).
            Expect100ContinueTimeout = Timeout.InfiniteTimeSpan,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => SignedBy(authority, certificate, errors) },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        var bucket = new Uri("https://s3.amazonaws.com/proxy-framing/");
        var object48K = RandomNumberGenerator.GetBytes(48 * 1024);

        using (var create = Signed(HttpMethod.Put, bucket, "s3"))
        {
            using var created = await http.SendAsync(create);
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        }

        using (var put = Signed(HttpMethod.Put, new Uri(bucket, "data.bin"), "s3"))
        {
            put.Content = new ByteArrayContent(object48K);
            put.Headers.ExpectContinue = true;
            using var stored = await http.SendAsync(put);
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        using (var ask = Signed(HttpMethod.Head, new Uri(bucket, "data.bin"), "s3"))
        {
            using var head = await http.SendAsync(ask);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(object48K.Length, head.Content.Headers.ContentLength);
        }

        Assert.Equal(object48K, await GetAsync(http, new Uri(bucket, "data.bin")));

        using (var put = Signed(HttpMethod.Put, new Uri(bucket, "chunked.bin"), "s3"))
        {
            put.Content = new StreamContent(new MemoryStream(object48K, 0, 40_000));
            put.Headers.TransferEncodingChunked = true;
            using var stored = await http.SendAsync(put);
            Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        }

        Assert.Equal(object48K[..40_000], await GetAsync(http, new Uri(bucket, "chunked.bin")));

        // moto has no ListPipelineExecutionSteps: it raises, and its server answers 500, here after its interim 100s.
        using (var crash = Signed(HttpMethod.Post, new Uri("https://api.sagemaker.us-east-1.amazonaws.com/"), "sagemaker"))
        {
            crash.Headers.Add("X-Amz-Target", "SageMaker.ListPipelineExecutionSteps");
            crash.Headers.ExpectContinue = true;
            crash.Content = new StringContent("""{"PipelineExecutionArn": "arn:aws:sagemaker:us-east-1:123456789012:pipeline/p/execution/e"}""", Encoding.UTF8, "application/x-amz-json-1.1");
            using var answer = await http.SendAsync(crash);
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
            Assert.StartsWith("500 ", Assert.Single(answer.Headers.GetValues(MotoHttpsProxy.OriginalStatusHeader)), StringComparison.Ordinal);
            Assert.NotEmpty(await answer.Content.ReadAsByteArrayAsync());
        }

        Assert.Equal(1, proxy.RewrittenServerErrors);
        Assert.Equal(object48K, await GetAsync(http, new Uri(bucket, "data.bin")));
    }

    /// <summary>A request with the form of a signature: moto tells services apart by its credential scope and refuses an unsigned HEAD.</summary>
    private static HttpRequestMessage Signed(HttpMethod method, Uri uri, string service)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=00");
        return request;
    }

    private static async Task<byte[]> GetAsync(HttpClient http, Uri uri)
    {
        using var request = Signed(HttpMethod.Get, uri, "s3");
        using var answer = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsByteArrayAsync();
    }

    private static bool SignedBy(X509Certificate2 authority, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is not X509Certificate2 served || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(served);
    }
}
