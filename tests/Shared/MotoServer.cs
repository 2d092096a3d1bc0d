using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MlPipeline.Tests.Shared;

/// <summary>
/// A real local AWS endpoint (moto_server) on 127.0.0.1 and a free port, stopped on dispose (the process tree is
/// killed, also when the test failed). A moto_server that is missing or does not answer fails with what is missing.
/// </summary>
public sealed class MotoServer : IDisposable
{
    /// <summary>The account moto answers for (its default).</summary>
    public const string Account = "123456789012";

    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public MotoServer()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var start = new ProcessStartInfo("moto_server") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"moto_server is not on PATH ({e.Message}): the AWS rehearsals need it. It comes with this machine's python3 (pip package moto[server]).", e);
        }

        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        // moto imports every service model on start: seconds when idle, much longer on a busy two-core machine.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                http.GetAsync(Endpoint).GetAwaiter().GetResult().Dispose();
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (_process.HasExited || DateTime.UtcNow > deadline)
                {
                    var why = _process.HasExited ? $"exited with code {_process.ExitCode}" : "did not answer in 120 s";
                    Dispose();
                    throw new InvalidOperationException($"moto_server on 127.0.0.1:{Port} {why}:\n{Log}");
                }

                Thread.Sleep(200);
            }
        }
    }

    public int Port { get; }

    public Uri Endpoint => new($"http://127.0.0.1:{Port}");

    /// <summary>What moto_server printed (its request log and warnings, such as resource types its CloudFormation skips).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// The environment that points every AWS tool (the CLI, boto3, the AWS SDK for .NET, Terraform's provider) at
    /// this server with test credentials. The SDKs use path-style addressing for 127.0.0.1.
    /// </summary>
    public Dictionary<string, string> Environment(string region = "us-east-1") => new()
    {
        ["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/'),
        ["AWS_ACCESS_KEY_ID"] = "testing",
        ["AWS_SECRET_ACCESS_KEY"] = "testing",
        ["AWS_SESSION_TOKEN"] = "testing",
        ["AWS_REGION"] = region,
        ["AWS_DEFAULT_REGION"] = region,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
    };

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It had already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
