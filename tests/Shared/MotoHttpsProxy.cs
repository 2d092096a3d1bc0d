using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;

namespace MlPipeline.Tests.Shared;

/// <summary>
/// An HTTPS proxy on 127.0.0.1 that answers for AWS with a <see cref="MotoServer"/>, for tools that cannot be pointed
/// at an endpoint (the AWS CDK command line 2.160 uses the AWS SDK for JavaScript v2, which ignores
/// AWS_ENDPOINT_URL, but honours HTTPS_PROXY and AWS_CA_BUNDLE). A CONNECT to a host under amazonaws.com is answered
/// with TLS under a certificate for that host, signed by this proxy's own certificate authority (written to
/// <see cref="CaBundle"/>), and the decrypted bytes are passed to moto_server, which tells services apart by the
/// Host header. A CONNECT to any other host (the npm registry, for npx) is tunnelled to the real host unread.
/// moto's answers pass byte for byte but its 500s, which reach the client as 400 (see <see cref="RewrittenServerErrors"/>).
/// </summary>
public sealed class MotoHttpsProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly MotoServer _moto;
    private readonly X509Certificate2 _authority;
    private readonly Dictionary<string, X509Certificate2> _certificates = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();
    private int _rewritten;

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

    /// <summary>The header that a rewritten answer carries, naming moto's own status line.</summary>
    public const string OriginalStatusHeader = "X-Rehearsal-Proxy-Original-Status";

    /// <summary>
    /// How many of moto's answers were 500 and reached the client as 400 with the same headers and body, plus
    /// <see cref="OriginalStatusHeader"/>. moto answers 500 when it crashes on a request it does not simulate, which
    /// no retry mends, while the AWS SDKs retry every 5xx with backoff (the CDK's CloudFormation client ten times:
    /// minutes asleep); they do not retry a 400.
    /// </summary>
    public int RewrittenServerErrors => Volatile.Read(ref _rewritten);

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
                await ExchangeAsync(tls, moto);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException
                or ChannelClosedException or FormatException)
            {
                // The client or moto went away, or moto answered what was not asked or sent what is not HTTP: this
                // connection ends, the proxy goes on.
            }
        }
    }

    /// <summary>
    /// HTTP/1.1 between a client and moto on one keep-alive connection, each direction its own task, so a client that
    /// sent Expect: 100-continue gets moto's 100 while the request side waits for its body. Requests pass unchanged
    /// (their heads are read for the method only: the answer to HEAD has no body); answers pass unchanged but a 500.
    /// </summary>
    private async Task ExchangeAsync(Stream client, TcpClient moto)
    {
        var upstream = moto.GetStream();
        var methods = Channel.CreateUnbounded<string>();
        using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var requests = ForwardRequestsAsync(new HttpReader(client), upstream, methods.Writer, done.Token);
        var answers = ForwardAnswersAsync(new HttpReader(upstream), client, methods.Reader, done.Token);
        try
        {
            if (await Task.WhenAny(requests, answers) == requests && requests.IsCompletedSuccessfully)
            {
                // The client sent its last request: moto answers what it was asked and then closes.
                moto.Client.Shutdown(SocketShutdown.Send);
                await answers;
            }
        }
        finally
        {
            await done.CancelAsync();
        }
    }

    private static async Task ForwardRequestsAsync(HttpReader client, Stream moto, ChannelWriter<string> methods, CancellationToken cancel)
    {
        try
        {
            while (await client.ReadHeadAsync(cancel) is { } head)
            {
                methods.TryWrite(head.StartLine.Split(' ')[0]);
                await moto.WriteAsync(head.Bytes, cancel);
                if (head.Chunked)
                {
                    await client.CopyChunkedAsync(moto, cancel);
                }
                else
                {
                    await client.CopyAsync(head.ContentLength ?? 0, moto, cancel);
                }
            }
        }
        finally
        {
            methods.TryComplete();
        }
    }

    private async Task ForwardAnswersAsync(HttpReader moto, Stream client, ChannelReader<string> methods, CancellationToken cancel)
    {
        while (await moto.ReadHeadAsync(cancel) is { } head)
        {
            var status = head.StartLine.Split(' ', 3) is [_, var code, ..] && int.TryParse(code, out var number) ? number : 0;
            if (status is >= 100 and < 200)
            {
                // An interim answer (100 Continue): no body, and the final answer to the same request follows.
                await client.WriteAsync(head.Bytes, cancel);
                continue;
            }

            var method = await methods.ReadAsync(cancel);
            await client.WriteAsync(status == 500 ? NotRetried(head) : head.Bytes, cancel);
            if (method == "HEAD" || status is 204 or 304)
            {
                continue;
            }

            if (head.Chunked)
            {
                await moto.CopyChunkedAsync(client, cancel);
            }
            else if (head.ContentLength is { } length)
            {
                await moto.CopyAsync(length, client, cancel);
            }
            else
            {
                // Neither length nor chunks: the body ends when moto closes the connection.
                await moto.CopyToEndAsync(client, cancel);
                return;
            }
        }
    }

    /// <summary>A 500 as 400, its reason phrase and <see cref="OriginalStatusHeader"/> naming the 500, headers and body kept.</summary>
    private byte[] NotRetried(HttpHead head)
    {
        Interlocked.Increment(ref _rewritten);
        var version = head.StartLine.Split(' ')[0];
        var original = head.StartLine[(version.Length + 1)..];
        var lines = $"{version} 400 Bad Request (moto_server answered {original})\r\n{OriginalStatusHeader}: {original}\r\n";
        return [.. Encoding.Latin1.GetBytes(lines), .. head.Bytes.AsSpan(Array.IndexOf(head.Bytes, (byte)'\n') + 1)];
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

    /// <summary>A request or status line (without its line end) and the head as received (<see cref="Bytes"/>, up to the blank line).</summary>
    private sealed record HttpHead(string StartLine, byte[] Bytes, long? ContentLength, bool Chunked);

    /// <summary>Reads HTTP/1.1 message heads and bodies from a stream through one buffer.</summary>
    private sealed class HttpReader(Stream stream)
    {
        private const int MaxHead = 64 * 1024;
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        /// <summary>The next message's head, or null when the stream ends between messages.</summary>
        public async Task<HttpHead?> ReadHeadAsync(CancellationToken cancel)
        {
            var bytes = new MemoryStream();
            var startLine = await ReadLineAsync(bytes, cancel);
            if (startLine is null)
            {
                return null;
            }

            long? length = null;
            var chunked = false;
            while ((await ReadLineAsync(bytes, cancel) ?? throw new IOException("The connection closed inside an HTTP head.")) is var line && line.Trim().Length > 0)
            {
                if (bytes.Length > MaxHead)
                {
                    throw new IOException($"An HTTP head longer than {MaxHead} bytes.");
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var name = colon < 0 ? line : line[..colon].Trim();
                var value = colon < 0 ? "" : line[(colon + 1)..].Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    length = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
                }
                else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
                {
                    chunked = value.Split(',')[^1].Trim().Equals("chunked", StringComparison.OrdinalIgnoreCase);
                }
            }

            return new HttpHead(startLine.TrimEnd('\r', '\n'), bytes.ToArray(), length, chunked);
        }

        /// <summary>count bytes of body to the other side.</summary>
        public async Task CopyAsync(long count, Stream to, CancellationToken cancel)
        {
            while (count > 0)
            {
                if (_start == _end && !await FillAsync(cancel))
                {
                    throw new IOException("The connection closed inside a message body.");
                }

                var take = (int)Math.Min(count, _end - _start);
                await to.WriteAsync(_buffer.AsMemory(_start, take), cancel);
                _start += take;
                count -= take;
            }
        }

        /// <summary>A chunked body: each chunk's size line and data, the last chunk and the trailer up to its blank line.</summary>
        public async Task CopyChunkedAsync(Stream to, CancellationToken cancel)
        {
            while (true)
            {
                var bytes = new MemoryStream();
                var sizeLine = await ReadLineAsync(bytes, cancel) ?? throw new IOException("The connection closed inside a chunked body.");
                await to.WriteAsync(bytes.ToArray(), cancel);
                var size = long.Parse(sizeLine.Split(';')[0].Trim(), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture);
                if (size > 0)
                {
                    await CopyAsync(size + 2, to, cancel);
                    continue;
                }

                bytes = new MemoryStream();
                while ((await ReadLineAsync(bytes, cancel) ?? throw new IOException("The connection closed inside a chunked trailer.")).Trim().Length > 0)
                {
                }

                await to.WriteAsync(bytes.ToArray(), cancel);
                return;
            }
        }

        /// <summary>The rest of the stream, to its end.</summary>
        public async Task CopyToEndAsync(Stream to, CancellationToken cancel)
        {
            await to.WriteAsync(_buffer.AsMemory(_start, _end - _start), cancel);
            _start = _end;
            await stream.CopyToAsync(to, cancel);
        }

        /// <summary>One line with its line end appended to bytes, returned as text; null when the stream ends before it.</summary>
        private async Task<string?> ReadLineAsync(MemoryStream bytes, CancellationToken cancel)
        {
            var from = bytes.Length;
            while (true)
            {
                var end = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                var take = end < 0 ? _end - _start : end + 1 - _start;
                bytes.Write(_buffer, _start, take);
                _start += take;
                if (end >= 0)
                {
                    return Encoding.Latin1.GetString(bytes.GetBuffer(), (int)from, (int)(bytes.Length - from));
                }

                if (bytes.Length - from > MaxHead)
                {
                    throw new IOException($"An HTTP line longer than {MaxHead} bytes.");
                }

                if (!await FillAsync(cancel))
                {
                    return bytes.Length == from ? null : throw new IOException("The connection closed inside an HTTP line.");
                }
            }
        }

        private async Task<bool> FillAsync(CancellationToken cancel)
        {
            _start = _end = 0;
            _end = await stream.ReadAsync(_buffer, cancel);
            return _end > 0;
        }
    }
}
