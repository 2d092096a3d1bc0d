using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MlPipeline.Tests.Shared;

/// <summary>
/// An HTTPS proxy on 127.0.0.1 that answers for AWS with a <see cref="MotoServer"/>, for tools that cannot be pointed
/// at an endpoint (the AWS CDK command line 2.160 uses the AWS SDK for JavaScript v2, which ignores
/// AWS_ENDPOINT_URL, but honours HTTPS_PROXY and AWS_CA_BUNDLE). A CONNECT to a host under amazonaws.com is answered
/// with TLS under a certificate for that host, signed by this proxy's own certificate authority (written to
/// <see cref="CaBundle"/>), and the decrypted bytes are passed to moto_server, which tells services apart by the
/// Host header. A CONNECT to any other host (the npm registry, for npx) is tunnelled to the real host unread.
/// </summary>
public sealed class MotoHttpsProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly MotoServer _moto;
    private readonly X509Certificate2 _authority;
    private readonly Dictionary<string, X509Certificate2> _certificates = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();

    public MotoHttpsProxy(MotoServer moto, string folder)
    {
        _moto = moto;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=MlPipeline rehearsal proxy CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        _authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        CaBundle = Path.Combine(folder, "rehearsal-proxy-ca.pem");
        File.WriteAllText(CaBundle, _authority.ExportCertificatePem() + "\n");

        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>The PEM file of the proxy's certificate authority, for AWS_CA_BUNDLE.</summary>
    public string CaBundle { get; }

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>What a tool needs to reach moto through this proxy (and nothing else through it: loopback is direct).</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["HTTPS_PROXY"] = Address.ToString().TrimEnd('/'),
        ["NO_PROXY"] = "127.0.0.1,localhost",
        ["AWS_CA_BUNDLE"] = CaBundle,
    };

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _authority.Dispose();
        lock (_certificates)
        {
            foreach (var certificate in _certificates.Values)
            {
                certificate.Dispose();
            }
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = await ReadHeadAsync(stream);
                var parts = head.Split(' ', 3);
                if (parts.Length < 2 || parts[0] != "CONNECT" || parts[1].Split(':') is not [var host, var portText] || !int.TryParse(portText, out var port))
                {
                    await stream.WriteAsync("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n"u8.ToArray());
                    return;
                }

                if (!host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase))
                {
                    using var upstream = new TcpClient();
                    await upstream.ConnectAsync(host, port, _stop.Token);
                    await stream.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray());
                    await PipeAsync(stream, upstream.GetStream());
                    return;
                }

                await stream.WriteAsync("HTTP/1.1 200 Connection Established\r\n\r\n"u8.ToArray());
                using var tls = new SslStream(stream);
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = CertificateFor(host) }, _stop.Token);
                using var moto = new TcpClient();
                await moto.ConnectAsync(IPAddress.Loopback, _moto.Port, _stop.Token);
                await PipeAsync(tls, moto.GetStream());
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
            {
                // The client or moto went away: this connection ends, the proxy goes on.
            }
        }
    }

    /// <summary>The request line of a CONNECT, its headers read up to the blank line and dropped.</summary>
    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0 || head.Length > 16_384)
            {
                break;
            }

            head.Append((char)one[0]);
        }

        return head.ToString().Split("\r\n")[0];
    }

    private async Task PipeAsync(Stream a, Stream b)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var one = a.CopyToAsync(b, done.Token);
        var other = b.CopyToAsync(a, done.Token);
        await Task.WhenAny(one, other);
        await done.CancelAsync();
    }

    private X509Certificate2 CertificateFor(string host)
    {
        lock (_certificates)
        {
            if (_certificates.TryGetValue(host, out var known))
            {
                return known;
            }

            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=" + host, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(host);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_authority, true, false));
            var serial = RandomNumberGenerator.GetBytes(12);
            using var signed = request.Create(_authority, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), serial);
            using var withKey = signed.CopyWithPrivateKey(key);
            var certificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
            _certificates[host] = certificate;
            return certificate;
        }
    }
}
