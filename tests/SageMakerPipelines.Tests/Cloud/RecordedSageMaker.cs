using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MlPipeline.Tests.Shared;

namespace MlPipeline.SageMakerPipelines.Tests.Cloud;

/// <summary>
/// A local HTTP endpoint that answers SageMaker's JSON protocol with recorded responses (Cloud/Recorded/*.json,
/// checked against botocore's service model), for the calls moto_server does not implement. Each operation answers
/// its queued responses in order, repeating the last; every request is kept with its headers for the test to read.
/// </summary>
public sealed class RecordedSageMaker : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _last = new(StringComparer.Ordinal);
    private readonly Task _serving;

    public RecordedSageMaker()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public ConcurrentQueue<(string Operation, JsonObject Body, string Authorization)> Requests { get; } = new();

    /// <summary>The directory of the recorded responses.</summary>
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "SageMakerPipelines.Tests", "Cloud", "Recorded");

    /// <summary>Queues recorded responses (file names without .json), each for its own operation.</summary>
    public RecordedSageMaker Answer(params string[] names)
    {
        foreach (var name in names)
        {
            var text = File.ReadAllText(Path.Combine(Folder, name + ".json"));
            var operation = JsonNode.Parse(text)!["operation"]!.GetValue<string>();
            _answers.GetOrAdd(operation, _ => new ConcurrentQueue<string>()).Enqueue(text);
        }

        return this;
    }

    public IReadOnlyList<string> Operations => Requests.Select(r => r.Operation).ToList();

    public void Dispose()
    {
        // Close alone: on Linux, Stop followed by Close binds the port a second time to remove it again, which fails
        // when another process has taken the freed port in between ("Address already in use").
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener's loop ends with an exception when the listener stops.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonObject ?? [];
            var target = context.Request.Headers["X-Amz-Target"] ?? "";
            var operation = target.StartsWith("SageMaker.", StringComparison.Ordinal) ? target["SageMaker.".Length..] : target;
            Requests.Enqueue((operation, body, context.Request.Headers["Authorization"] ?? ""));

            var recorded = _answers.TryGetValue(operation, out var queue) && queue.TryDequeue(out var next)
                ? _last[operation] = next
                : _last.GetValueOrDefault(operation);
            var answer = recorded is null
                ? new JsonObject { ["status"] = 400, ["body"] = new JsonObject { ["__type"] = "UnknownOperationException", ["message"] = $"No recorded answer for {operation}." } }
                : JsonNode.Parse(recorded)!.AsObject();
            var bytes = Encoding.UTF8.GetBytes(answer["body"]!.ToJsonString());
            context.Response.StatusCode = answer["status"]!.GetValue<int>();
            context.Response.ContentType = "application/x-amz-json-1.1";
            context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            try
            {
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client gave up on this request (a cancelled call closes its connection): serve the next one.
                context.Response.Abort();
            }
        }
    }
}
