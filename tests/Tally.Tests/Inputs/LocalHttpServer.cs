using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tally.Tests.Inputs;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (a port the system picks) for fetch tests: fixed routes, optional delays,
/// one response per connection. It records the User-Agent of every request and the most requests it served at once.
/// Nothing here ever talks to another address.
/// </summary>
public sealed class LocalHttpServer : IDisposable
{
    public sealed record Route(int Status, string ContentType, byte[] Body, TimeSpan Delay = default, string? Location = null, bool LieAboutLength = false);

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Route> _routes = new();
    private readonly Task _loop;
    private int _active, _maxActive;

    public LocalHttpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptLoop);
    }

    public int Port { get; }
    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";
    public ConcurrentQueue<string> UserAgents { get; } = new();
    public ConcurrentQueue<string> Paths { get; } = new();
    public int MaxConcurrent => Volatile.Read(ref _maxActive);

    public void Add(string path, string contentType, string body, TimeSpan delay = default) =>
        _routes[path] = new Route(200, contentType, Encoding.UTF8.GetBytes(body), delay);

    public void Add(string path, Route route) => _routes[path] = route;

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        {
            using (client)
            {
                var stream = client.GetStream();
                var head = await ReadHead(stream);
                if (head is null) return;
                var lines = head.Split("\r\n");
                var path = lines[0].Split(' ') is { Length: >= 2 } parts ? parts[1] : "/";
                Paths.Enqueue(path);
                foreach (var l in lines.Skip(1))
                    if (l.StartsWith("User-Agent:", StringComparison.OrdinalIgnoreCase)) UserAgents.Enqueue(l["User-Agent:".Length..].Trim());
                var route = _routes.TryGetValue(path, out var r) ? r : new Route(404, "text/plain", "not found"u8.ToArray());
                // A request counts as active while the server works on it (its delay), after the whole request has come
                // and before any of the answer goes out: within the time the client holds the request open, whatever
                // the scheduling of either side, so the count never exceeds the client's own.
                var now = Interlocked.Increment(ref _active);
                int seen;
                while ((seen = Volatile.Read(ref _maxActive)) < now && Interlocked.CompareExchange(ref _maxActive, now, seen) != seen) { }
                try
                {
                    if (route.Delay > TimeSpan.Zero)
                    {
                        try { await Task.Delay(route.Delay, _stop.Token); } catch (OperationCanceledException) { return; }
                    }
                }
                finally { Interlocked.Decrement(ref _active); }
                var sb = new StringBuilder();
                sb.Append($"HTTP/1.1 {route.Status} {Reason(route.Status)}\r\n");
                sb.Append($"Content-Type: {route.ContentType}\r\n");
                if (!route.LieAboutLength) sb.Append($"Content-Length: {route.Body.Length}\r\n");
                if (route.Location is not null) sb.Append($"Location: {route.Location}\r\n");
                sb.Append("Connection: close\r\n\r\n");
                var headBytes = Encoding.ASCII.GetBytes(sb.ToString());
                try
                {
                    await stream.WriteAsync(headBytes, _stop.Token);
                    // Bodies go out in pieces, as a real server's would.
                    for (int i = 0; i < route.Body.Length; i += 64 * 1024)
                        await stream.WriteAsync(route.Body.AsMemory(i, Math.Min(64 * 1024, route.Body.Length - i)), _stop.Token);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
            }
        }
    }

    private static async Task<string?> ReadHead(NetworkStream stream)
    {
        var buffer = new byte[8192];
        int total = 0;
        while (total < buffer.Length)
        {
            int n;
            try { n = await stream.ReadAsync(buffer.AsMemory(total)); }
            catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException) { return null; }
            if (n == 0) return null;
            total += n;
            var text = Encoding.ASCII.GetString(buffer, 0, total);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0) return text[..end];
        }
        return null;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK", 301 => "Moved Permanently", 302 => "Found", 404 => "Not Found", 500 => "Internal Server Error", _ => "Status",
    };

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
