using System.Net;

namespace Tally.Documents;

/// <summary>Limits for fetching pages over HTTP.</summary>
public sealed record FetchOptions
{
    public const string DefaultUserAgent = "Tally/0.1 (+https://example.org/tally; crisis-news research)";

    /// <summary>Whole request, redirects and body included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);
    /// <summary>Largest body read, in bytes.</summary>
    public long MaxBytes { get; init; } = 20 * 1024 * 1024;
    /// <summary>Requests in flight at once, over all callers of one fetcher.</summary>
    public int Concurrency { get; init; } = 4;
    public string UserAgent { get; init; } = DefaultUserAgent;
    public int MaxRedirects { get; init; } = 5;
}

/// <summary>A fetched body: the final URL (after redirects), the bytes, and the media type and charset of the response.</summary>
public sealed record FetchResult(Uri Url, byte[] Body, string? MediaType, string? Charset);

/// <summary>A fetch that failed, with a one-line reason.</summary>
public sealed class FetchException(string message) : Exception(message);

/// <summary>
/// Fetches http and https URLs politely: a User-Agent that names Tally, a timeout for the whole request, a size limit,
/// at most <see cref="FetchOptions.Concurrency"/> requests at once, redirects followed by hand (only to http and https,
/// at most <see cref="FetchOptions.MaxRedirects"/>), no cookies.
/// </summary>
public sealed class Fetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly SemaphoreSlim _gate;
    private int _inFlight, _maxInFlight;

    public FetchOptions Options { get; }

    /// <summary>The most requests that were in flight at once (for tests and diagnostics).</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public Fetcher(FetchOptions? options = null, HttpMessageHandler? handler = null)
    {
        Options = options ?? new FetchOptions();
        if (Options.Concurrency < 1) throw new ArgumentOutOfRangeException(nameof(options), "concurrency must be at least 1");
        handler ??= new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            ConnectTimeout = Options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = Options.Concurrency,
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Clear();
        _client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", Options.UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5");
        _gate = new SemaphoreSlim(Options.Concurrency, Options.Concurrency);
    }

    /// <summary>True for an absolute http or https URL.</summary>
    public static bool IsWebUrl(string s, out Uri? uri) =>
        Uri.TryCreate(s, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    public static bool IsWebUrl(string s) => IsWebUrl(s, out _);

    public FetchResult Fetch(string url) => FetchAsync(url, CancellationToken.None).GetAwaiter().GetResult();

    public async Task<FetchResult> FetchAsync(string url, CancellationToken cancel)
    {
        if (!IsWebUrl(url, out var uri)) throw new FetchException("only http and https URLs are fetched");
        await _gate.WaitAsync(cancel).ConfigureAwait(false);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = Volatile.Read(ref _maxInFlight)) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen) { }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(Options.Timeout);
        try
        {
            for (int hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= Options.MaxRedirects) throw new FetchException($"more than {Options.MaxRedirects} redirects");
                    var next = location.IsAbsoluteUri ? location : new Uri(uri!, location);
                    if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                        throw new FetchException($"redirect to {next.Scheme}: refused (only http and https)");
                    uri = next;
                    continue;
                }
                if (!response.IsSuccessStatusCode) throw new FetchException($"HTTP {status} {response.ReasonPhrase}".TrimEnd());
                var length = response.Content.Headers.ContentLength;
                if (length > Options.MaxBytes)
                    throw new FetchException($"response is {DocumentReader.Size(length.Value)}, over the {DocumentReader.Size(Options.MaxBytes)} limit (--max-bytes)");
                var body = await ReadLimitedAsync(response.Content, timeout.Token).ConfigureAwait(false);
                var type = response.Content.Headers.ContentType;
                return new FetchResult(uri!, body, type?.MediaType, type?.CharSet);
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new FetchException($"timed out after {Options.Timeout.TotalSeconds:0.#} s");
        }
        catch (IOException e)
        {
            throw new FetchException("connection broken: " + e.Message);
        }
        catch (HttpRequestException e)
        {
            throw new FetchException(e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "host not found",
                HttpRequestError.ConnectionError => "cannot connect" + (e.InnerException is { } inner ? ": " + inner.Message : ""),
                _ => e.Message,
            });
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _gate.Release();
        }
    }

    private async Task<byte[]> ReadLimitedAsync(HttpContent content, CancellationToken cancel)
    {
        await using var stream = await content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        using var ms = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await stream.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
        {
            if (ms.Length + n > Options.MaxBytes) throw new FetchException($"response is over the {DocumentReader.Size(Options.MaxBytes)} limit (--max-bytes)");
            ms.Write(buffer, 0, n);
        }
        return ms.ToArray();
    }

    public void Dispose()
    {
        _client.Dispose();
        _gate.Dispose();
    }
}
