namespace Tally.Web;

/// <summary>How to run the web server. Everything has a default except the database location.</summary>
public sealed record TallyWebOptions
{
    /// <summary>The ledger: an SQLite file or a PostgreSQL connection string (as for <c>tally ingest --db</c>).</summary>
    public required string Database { get; init; }

    /// <summary>Where to listen (semicolon-separated). Loopback by default: put a reverse proxy in front to publish it.</summary>
    public string Urls { get; init; } = DefaultUrls;

    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>
    /// The key that POST /api/documents requires in its X-Api-Key header. When null it is read from configuration
    /// (<c>Tally:ApiKey</c>) or the TALLY_API_KEY environment variable; when none is found, writes are refused.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>The largest request body accepted, in bytes (default 10 MB).</summary>
    public long MaxBodyBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>Origins allowed to call the API from a browser (CORS). Empty: no CORS headers at all.</summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>Open ledger connections (default: twice the processor count, at least 4).</summary>
    public int? PoolSize { get; init; }

    /// <summary>The hosting environment name (default: Production).</summary>
    public string Environment { get; init; } = "Production";

    /// <summary>
    /// Answers of GET /api/claims kept, each valid while the ledger's change mark (<c>LedgerStore.ChangeMark</c>) stays
    /// the same; 0 turns the cache off.
    /// </summary>
    public int ResponseCacheSize { get; init; } = 512;

    /// <summary>Largest page of GET /api/claims.</summary>
    public int MaxPageSize { get; init; } = 500;

    /// <summary>Total bytes of the answers kept (default 64 MB): when a new answer would pass it, the cache starts again empty.</summary>
    public long ResponseCacheBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Heavy requests (an uncached page of claims, timelines, charts, dashboard pages) run at once (default: half the
    /// ledger pool, at least 1), so that /healthz and cheap reads always find a store; see <see cref="HeavyRequests"/>.
    /// </summary>
    public int? HeavyConcurrency { get; init; }

    /// <summary>Heavy requests that may wait for a turn (default 16); one more is answered 503 at once.</summary>
    public int HeavyQueue { get; init; } = 16;

    /// <summary>How long a heavy request waits for its turn before it is answered 503 (default 5 s).</summary>
    public TimeSpan HeavyWait { get; init; } = TimeSpan.FromSeconds(5);
}
