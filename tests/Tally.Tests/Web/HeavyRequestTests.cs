using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using Tally.Extraction;
using Tally.Text;
using Microsoft.Extensions.DependencyInjection;
using Tally.Tests.Cli;
using Tally.Web;

namespace Tally.Tests.Web;

/// <summary>
/// Heavy requests (uncached claim pages, timelines, charts, dashboard pages) take turns so that health and cheap reads
/// stay fast: with every turn taken, /healthz and an entry still answer at once, and another heavy request is told 503.
/// </summary>
public class HeavyRequestTests
{
    private static (TempDir Dir, TallyWebFactory Factory, HttpClient Client, HeavyRequests Heavy) Server(int permits, int queue)
    {
        var dir = new TempDir();
        var db = DevLedger.Copy(dir);
        var factory = new TallyWebFactory(new TallyWebOptions
        {
            Database = db, ApiKey = "", HeavyConcurrency = permits, HeavyQueue = queue, HeavyWait = TimeSpan.FromSeconds(10),
        });
        var client = factory.CreateClient();
        return (dir, factory, client, factory.Services.GetRequiredService<HeavyRequests>());
    }

    private static async Task<List<RateLimitLease>> TakeAll(HeavyRequests heavy)
    {
        var leases = new List<RateLimitLease>();
        for (int i = 0; i < heavy.Permits; i++) leases.Add((await heavy.EnterAsync(CancellationToken.None))!);
        Assert.All(leases, l => Assert.True(l.IsAcquired));
        return leases;
    }

    [Fact]
    public async Task With_every_heavy_turn_taken_health_and_cheap_reads_answer_and_heavy_requests_get_503()
    {
        var (dir, factory, client, heavy) = Server(permits: 2, queue: 0);
        using var _ = dir; using var __ = factory;
        var leases = await TakeAll(heavy);

        foreach (var path in new[] { "/api/claims?sort=count&limit=500", "/api/timeline?who=KP&category=killed",
                     "/charts/timeline.svg?who=KP&category=killed", "/countries", "/" })
        {
            var busy = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(HeavyRequests.RetryAfterSeconds), busy.Headers.RetryAfter?.Delta);
            Assert.Contains("Server busy", await busy.Content.ReadAsStringAsync());
        }
        // Health and one entry do not wait for a turn.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/claims/1")).StatusCode);

        foreach (var l in leases) l.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/claims?sort=count&limit=500")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/charts/timeline.svg?who=KP&category=killed")).StatusCode);
    }

    [Fact]
    public async Task A_kept_answer_is_served_without_a_turn_and_a_queued_request_runs_when_a_turn_frees()
    {
        var (dir, factory, client, heavy) = Server(permits: 1, queue: 4);
        using var _ = dir; using var __ = factory;
        const string path = "/api/claims?sort=count&limit=200";
        var first = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var leases = await TakeAll(heavy);
        // The same question against the unchanged ledger: answered from the cache, no turn needed.
        var again = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        // A new question waits in the queue (at most HeavyWait, 10 s here) and runs as soon as the turn is given back.
        var waiting = client.GetAsync("/api/claims?sort=count&limit=100");
        await Task.Delay(50);
        foreach (var l in leases) l.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await waiting).StatusCode);
    }

    [Fact]
    public async Task A_posted_text_of_figures_without_stops_stores_bounded_claims_and_says_what_was_cut()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "post.db");
        using var factory = new TallyWebFactory(new TallyWebOptions { Database = db, ApiKey = "volume-key-0123456789" });
        var client = factory.CreateClient();
        // About 60 KB of figures and no sentence stop (was: one "sentence" of the whole body copied into every claim).
        var body = new StringBuilder("Daftar korban longsor\n");
        string[] phrases = ["warga tewas di Cianjur dan", "orang luka-luka di Garut dan", "warga hilang di Sumedang dan"];
        for (int i = 0; i < 1500; i++) body.Append(5 + i * 11 % 5000).Append(' ').Append(phrases[i % 3]).Append(' ');
        var req = new HttpRequestMessage(HttpMethod.Post, "/api/documents?lang=id&name=daftar") { Content = new StringContent(body.ToString(), Encoding.UTF8) };
        req.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        req.Headers.Add("X-Api-Key", "volume-key-0123456789");
        var r = await client.SendAsync(req);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        using var answer = JsonDocument.Parse(await r.Content.ReadAsStringAsync());
        var warning = Assert.Single(answer.RootElement.GetProperty("warnings").EnumerateArray());
        Assert.Contains($"only the first {ClaimExtractor.MaxClaims} are kept", warning.GetString());
        var stored = Assert.Single(answer.RootElement.GetProperty("documents").EnumerateArray());
        Assert.Equal(ClaimExtractor.MaxClaims, stored.GetProperty("claims").GetInt32());

        var doc = await client.GetAsync($"/api/documents/{stored.GetProperty("row_id").GetInt64()}");
        Assert.Equal(HttpStatusCode.OK, doc.StatusCode);
        var text = await doc.Content.ReadAsStringAsync();
        Assert.True(text.Length < 3_000_000, $"the document's answer has {text.Length} characters");
        using var d = JsonDocument.Parse(text);
        var claims = d.RootElement.GetProperty("claims").EnumerateArray().ToList();
        Assert.Equal(ClaimExtractor.MaxClaims, claims.Count);
        Assert.All(claims, c =>
        {
            var e = c.GetProperty("evidence");
            Assert.InRange(e.GetProperty("end").GetInt32() - e.GetProperty("start").GetInt32(), 1, TextAnalyzer.MaxSentenceChars);
        });
    }

    [Fact]
    public async Task A_page_larger_than_the_cap_is_refused()
    {
        var (dir, factory, client, _) = Server(permits: 2, queue: 4);
        using var d = dir; using var f = factory;
        var r = await client.GetAsync("/api/claims?sort=count&limit=501");
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("limit", await r.Content.ReadAsStringAsync());
    }
}
