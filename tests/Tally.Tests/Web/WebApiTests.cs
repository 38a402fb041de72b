using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Tally.Ledger;
using Tally.Tests.Cli;
using Tally.Tests.Ledger;
using Tally.Web;

namespace Tally.Tests.Web;

/// <summary>The HTTP API through WebApplicationFactory, over the dev set's ledger.</summary>
public class WebApiTests
{
    private const string Key = "test-key-0123456789";

    private static (TempDir Dir, TallyWebFactory Factory, HttpClient Client) DevServer(string? apiKey = Key, IReadOnlyList<string>? cors = null, long maxBody = 1024 * 1024)
    {
        var dir = new TempDir();
        var db = DevLedger.Copy(dir);
        var factory = new TallyWebFactory(new TallyWebOptions { Database = db, ApiKey = apiKey ?? "", CorsOrigins = cors ?? [], MaxBodyBytes = maxBody });
        return (dir, factory, factory.CreateClient());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage r)
    {
        var text = await r.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage r, HttpStatusCode status)
    {
        Assert.Equal(status, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var p = await Json(r);
        Assert.Equal((int)status, p.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(p.GetProperty("title").GetString()));
        return p;
    }

    [DevSetFact]
    public async Task Claims_are_listed_filtered_sorted_and_paged_like_tally_claims()
    {
        var (dir, factory, client) = DevServer();
        using (dir) using (factory) using (client)
        {
            long total;
            using (var store = LedgerStore.Open(factory.Options.Database)) total = store.Totals().Entries;
            // Every entry, in pages of the largest size the API allows.
            var allIds = new List<long>();
            for (int offset = 0; offset < total; offset += 500)
            {
                var big = await Json(await client.GetAsync($"/api/claims?limit=500&offset={offset}"));
                Assert.Equal(total, big.GetProperty("total").GetInt64());
                Assert.Equal((int)Math.Min(500, total - offset), big.GetProperty("items").GetArrayLength());
                allIds.AddRange(big.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            }
            Assert.Equal(total, allIds.Distinct().Count());
            Assert.True(total > 50, $"the dev set has {total} entries");

            var first = await Json(await client.GetAsync("/api/claims"));
            Assert.Equal(50, first.GetProperty("limit").GetInt32());
            Assert.Equal(50, first.GetProperty("items").GetArrayLength());
            Assert.Equal(total, first.GetProperty("total").GetInt64());

            // Pages follow each other without gaps or repeats.
            var ids = new List<long>();
            for (int offset = 0; offset < total; offset += 7)
            {
                var page = await Json(await client.GetAsync($"/api/claims?limit=7&offset={offset}"));
                ids.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()));
            }
            Assert.Equal(allIds, ids);

            // Filters as `tally claims`.
            var killed = await Json(await client.GetAsync("/api/claims?category=killed&who=id&limit=500"));
            var items = killed.GetProperty("items").EnumerateArray().ToList();
            Assert.NotEmpty(items);
            Assert.All(items, e => Assert.Equal("killed", e.GetProperty("category").GetString()));
            Assert.All(items, e => Assert.Equal("ID", e.GetProperty("who").GetProperty("country").GetString()));
            using (var store = LedgerStore.Open(factory.Options.Database))
                Assert.Equal(store.List(new EntryFilter { Category = Tally.Model.Category.Killed, Who = "ID" }).Select(e => e.Id),
                    items.Select(e => e.GetProperty("id").GetInt64()));

            var sorted = await Json(await client.GetAsync("/api/claims?sort=count&limit=20"));
            var values = sorted.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("count")).Select(c =>
                c.GetProperty("low").ValueKind == JsonValueKind.Number ? c.GetProperty("low").GetInt64() : c.GetProperty("high").GetInt64()).ToList();
            Assert.Equal(values.OrderByDescending(v => v), values);

            var search = await Json(await client.GetAsync("/api/claims?q=Cianjur"));
            Assert.True(search.GetProperty("total").GetInt64() > 0);
            Assert.All(search.GetProperty("items").EnumerateArray(), e => Assert.Contains("Cianjur", e.ToString(), StringComparison.OrdinalIgnoreCase));
            // A search with no word in it is no search, not a server error.
            var unfiltered = await Json(await client.GetAsync("/api/claims"));
            var noWords = await client.GetAsync("/api/claims?q=" + Uri.EscapeDataString("--- \""));
            Assert.Equal(System.Net.HttpStatusCode.OK, noWords.StatusCode);
            Assert.Equal(unfiltered.GetProperty("total").GetInt64(), (await Json(noWords)).GetProperty("total").GetInt64());

            var withCitations = await Json(await client.GetAsync("/api/claims?limit=3&citations=true"));
            Assert.All(withCitations.GetProperty("items").EnumerateArray(), e => Assert.True(e.GetProperty("citations").GetArrayLength() >= 1));
        }
    }

    [DevSetFact]
    public async Task Bad_queries_and_unknown_ids_are_problem_details()
    {
        var (dir, factory, client) = DevServer();
        using (dir) using (factory) using (client)
        {
            var p = await Problem(await client.GetAsync("/api/claims?category=eaten&who=XYZ&limit=0&since=2020-13-01&sort=name&role=kings"), HttpStatusCode.BadRequest);
            var errors = p.GetProperty("errors");
            foreach (var name in new[] { "category", "who", "limit", "since", "sort", "role" }) Assert.True(errors.TryGetProperty(name, out _), name);
            await Problem(await client.GetAsync("/api/claims?limit=abc"), HttpStatusCode.BadRequest);
            await Problem(await client.GetAsync("/api/claims?limit=100000"), HttpStatusCode.BadRequest);
            await Problem(await client.GetAsync("/api/claims/999999"), HttpStatusCode.NotFound);
            await Problem(await client.GetAsync("/api/documents/999999"), HttpStatusCode.NotFound);
            await Problem(await client.GetAsync("/api/claims/not-a-number"), HttpStatusCode.NotFound);
            await Problem(await client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound);
            await Problem(await client.GetAsync("/api/timeline?category=killed"), HttpStatusCode.BadRequest);
            await Problem(await client.DeleteAsync("/api/claims/1"), HttpStatusCode.MethodNotAllowed);
            // A dashboard page that is not there is a page, not JSON.
            var page = await client.GetAsync("/no-such-page");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }
    }

    [DevSetFact]
    public async Task An_entry_has_its_citations_and_a_document_its_text_and_offsets()
    {
        var (dir, factory, client) = DevServer();
        using (dir) using (factory) using (client)
        {
            var list = await Json(await client.GetAsync("/api/claims?sort=citations&limit=1"));
            var id = list.GetProperty("items")[0].GetProperty("id").GetInt64();
            var entry = await Json(await client.GetAsync($"/api/claims/{id}"));
            var citations = entry.GetProperty("citations").EnumerateArray().ToList();
            Assert.True(citations.Count >= 2, "the most cited entry of the dev set is cited more than once");
            Assert.Equal(entry.GetProperty("citation_count").GetInt32(), citations.Count);
            foreach (var c in citations)
            {
                var rowId = c.GetProperty("document").GetProperty("row_id").GetInt64();
                var doc = await Json(await client.GetAsync($"/api/documents/{rowId}"));
                var text = doc.GetProperty("text").GetString()!;
                var ev = c.GetProperty("evidence");
                int start = ev.GetProperty("start").GetInt32(), end = ev.GetProperty("end").GetInt32();
                Assert.Equal(ev.GetProperty("sentence").GetString(), text[start..end]);
                var claims = doc.GetProperty("claims").EnumerateArray().ToList();
                Assert.Contains(claims, x => x.GetProperty("entry_id").GetInt64() == id);
                Assert.All(claims, x => Assert.Equal(x.GetProperty("evidence").GetProperty("sentence").GetString(),
                    text[x.GetProperty("evidence").GetProperty("start").GetInt32()..x.GetProperty("evidence").GetProperty("end").GetInt32()]));
            }
        }
    }

    [DevSetFact]
    public async Task The_timeline_has_one_series_per_source()
    {
        var (dir, factory, client) = DevServer();
        using (dir) using (factory) using (client)
        {
            var t = await Json(await client.GetAsync("/api/timeline?who=KP&category=killed"));
            var series = t.GetProperty("series").EnumerateArray().ToList();
            Assert.True(series.Count >= 2, t.ToString());
            Assert.Equal(series.Count, series.Select(s => s.GetProperty("source_key").GetString()).Distinct().Count());
            using var store = LedgerStore.Open(factory.Options.Database);
            Assert.Equal(store.Timeline("KP", Tally.Model.Category.Killed).Select(s => s.SourceText), series.Select(s => s.GetProperty("source").GetString()));
            var svg = await client.GetAsync("/charts/timeline.svg?who=KP&category=killed");
            Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());

            // The map: land outlines and a circle for each affected party's country with entries.
            var map = await client.GetStringAsync("/charts/map.svg");
            var dom = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + map + "</body>");
            Assert.Single(dom.QuerySelectorAll("path"));
            Assert.Contains(dom.QuerySelectorAll("title"), t => t.TextContent.StartsWith("KP — North Korea: "));
            Assert.Equal(store.ByCountry().Select(r => r.Country).Where(c => c.Length > 0).Distinct().Count(), dom.QuerySelectorAll("circle").Length);
        }
    }

    [DevSetFact]
    public async Task The_OpenAPI_document_describes_every_endpoint_and_health_answers()
    {
        var (dir, factory, client) = DevServer();
        using (dir) using (factory) using (client)
        {
            var doc = await Json(await client.GetAsync("/openapi/v1.json"));
            var paths = doc.GetProperty("paths");
            foreach (var p in new[] { "/api/claims", "/api/claims/{id}", "/api/documents/{id}", "/api/timeline", "/api/documents", "/healthz" })
                Assert.True(paths.TryGetProperty(p, out _), p);
            Assert.True(paths.GetProperty("/api/documents").TryGetProperty("post", out var post));
            Assert.Contains("ApiKey", post.GetProperty("security").ToString());
            var parameters = paths.GetProperty("/api/claims").GetProperty("get").GetProperty("parameters").EnumerateArray().Select(x => x.GetProperty("name").GetString()).ToList();
            foreach (var q in new[] { "category", "who", "role", "place", "country", "source", "source_kind", "since", "until", "q", "sort", "limit", "offset" })
                Assert.Contains(q, parameters);
            Assert.False(paths.TryGetProperty("/", out _), "dashboard pages are not API");
            var health = await Json(await client.GetAsync("/healthz"));
            Assert.Equal("ok", health.GetProperty("status").GetString());
        }
    }

    [DevSetFact]
    public async Task Every_response_carries_the_security_headers_and_no_CORS_unless_configured()
    {
        var (dir, factory, client) = DevServer();
        using (dir) using (factory) using (client)
        {
            foreach (var path in new[] { "/", "/api/claims", "/static/app.css", "/api/claims/999999", "/nowhere" })
            {
                using var req = new HttpRequestMessage(HttpMethod.Get, path);
                req.Headers.Add("Origin", "https://evil.example");
                var r = await client.SendAsync(req);
                var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
                Assert.Contains("default-src 'self'", csp);
                Assert.Contains("script-src 'self'", csp);
                Assert.DoesNotContain("unsafe-inline", csp);
                Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
                Assert.False(r.Headers.Contains("Access-Control-Allow-Origin"), path);
            }
        }
        var (dir2, factory2, client2) = DevServer(cors: ["https://ok.example"]);
        using (dir2) using (factory2) using (client2)
        {
            using var good = new HttpRequestMessage(HttpMethod.Get, "/api/claims");
            good.Headers.Add("Origin", "https://ok.example");
            Assert.Equal("https://ok.example", (await client2.SendAsync(good)).Headers.GetValues("Access-Control-Allow-Origin").Single());
            // A browser asks before it POSTs with the key.
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/documents");
            preflight.Headers.Add("Origin", "https://ok.example");
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "x-api-key,content-type");
            var pre = await client2.SendAsync(preflight);
            Assert.True(pre.IsSuccessStatusCode, pre.StatusCode.ToString());
            Assert.Equal("https://ok.example", pre.Headers.GetValues("Access-Control-Allow-Origin").Single());
            Assert.Contains("POST", string.Join(",", pre.Headers.GetValues("Access-Control-Allow-Methods")));
            using var bad = new HttpRequestMessage(HttpMethod.Get, "/api/claims");
            bad.Headers.Add("Origin", "https://evil.example");
            Assert.False((await client2.SendAsync(bad)).Headers.Contains("Access-Control-Allow-Origin"));
        }
    }

    private static HttpRequestMessage Post(string body, string contentType, string? key, string query = "")
    {
        var req = new HttpRequestMessage(HttpMethod.Post, "/api/documents" + query) { Content = new StringContent(body, Encoding.UTF8) };
        req.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        if (key is not null) req.Headers.Add("X-Api-Key", key);
        return req;
    }

    private const string Article = """{"id":"nduga-1","url":"https://example.org/nduga?utm_source=x","title":"Kontak tembak di Nduga","date_publish":"2024-05-02","language":"id","maintext":"Sebanyak 12 prajurit TNI gugur dalam kontak tembak di Kabupaten Nduga, kata juru bicara militer Kolonel Budi Santoso."}""";

    [Fact]
    public async Task Posting_documents_needs_the_key_and_answers_with_what_was_stored()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "post.db");
        using var factory = new TallyWebFactory(new TallyWebOptions { Database = db, ApiKey = Key, MaxBodyBytes = 64 * 1024 });
        using var client = factory.CreateClient();

        await Problem(await client.SendAsync(Post(Article, "application/json", null)), HttpStatusCode.Unauthorized);
        await Problem(await client.SendAsync(Post(Article, "application/json", "wrong")), HttpStatusCode.Unauthorized);
        using (var store = LedgerStore.Open(db)) Assert.Equal(0, store.Totals().Documents);

        var created = await client.SendAsync(Post(Article, "application/json", Key));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var result = await Json(created);
        Assert.Equal(1, result.GetProperty("stored").GetInt32());
        var doc = result.GetProperty("documents")[0];
        Assert.Equal("nduga-1", doc.GetProperty("id").GetString());
        Assert.True(doc.GetProperty("new").GetBoolean());
        var rowId = doc.GetProperty("row_id").GetInt64();
        Assert.Equal($"/api/documents/{rowId}", created.Headers.Location?.OriginalString);
        var entryId = doc.GetProperty("entries")[0].GetInt64();
        var entry = await Json(await client.GetAsync($"/api/claims/{entryId}"));
        Assert.Equal("killed", entry.GetProperty("category").GetString());
        Assert.Equal(12, entry.GetProperty("count").GetProperty("low").GetInt64());

        // The same again: nothing new.
        var again = await client.SendAsync(Post(Article, "application/json", Key));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, (await Json(again)).GetProperty("skipped").GetInt32());

        // JSON Lines, plain text (with a date for it) and a feed, each read as `tally ingest` reads them.
        var jsonl = string.Join("\n",
            """{"id":"a1","title":"Banjir","date_publish":"2023-02-12","language":"id","maintext":"Banjir bandang memaksa 3.500 warga mengungsi di Kabupaten Garut, menurut BNPB."}""",
            """{"id":"a2","title":"Strike","date_publish":"2023-04-12","language":"en","maintext":"At least 20 civilians were killed in an air strike in Sagaing region, a witness said."}""",
            "not json");
        var lines = await Json(await client.SendAsync(Post(jsonl, "application/x-ndjson", Key)));
        Assert.Equal(2, lines.GetProperty("stored").GetInt32());
        Assert.Equal(1, lines.GetProperty("failed").GetInt32());
        Assert.Contains("body:3", lines.GetProperty("errors")[0].GetString());
        var text = await Json(await client.SendAsync(Post("Sedikitnya 7 warga tewas akibat tanah longsor di Kabupaten Agam, kata BPBD.", "text/plain", Key, "?name=agam-note&published=2024-05-14")));
        Assert.Equal("agam-note", text.GetProperty("documents")[0].GetProperty("id").GetString());
        var feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar</title><language>id</language><item><title>Gempa</title><link>http://127.0.0.1:9/never</link><pubDate>Tue, 14 May 2024 10:00:00 +0700</pubDate><description>Sebanyak 40 warga terluka akibat gempa di Kota Padang, kata BPBD.</description></item></channel></rss>""";
        var fed = await Json(await client.SendAsync(Post(feed, "application/rss+xml", Key)));
        Assert.Equal(1, fed.GetProperty("stored").GetInt32());

        // What cannot be taken.
        await Problem(await client.SendAsync(Post("{not json", "application/json", Key)), HttpStatusCode.UnprocessableEntity);
        await Problem(await client.SendAsync(Post("x", "image/png", Key)), HttpStatusCode.UnsupportedMediaType);
        await Problem(await client.SendAsync(Post(new string('a', 70 * 1024), "text/plain", Key)), HttpStatusCode.RequestEntityTooLarge);
        await Problem(await client.SendAsync(Post("", "text/plain", Key)), HttpStatusCode.BadRequest);
        await Problem(await client.SendAsync(Post(Article, "application/json", Key, "?published=yesterday")), HttpStatusCode.BadRequest);
        using (var store = LedgerStore.Open(db)) Assert.Equal(5, store.Totals().Documents);
    }

    [Fact]
    public async Task A_cached_list_is_served_until_the_ledger_changes_in_this_process_or_another()
    {
        using var dir = new TempDir();
        var db = Path.Combine(dir.Path, "cache.db");
        using var factory = new TallyWebFactory(new TallyWebOptions { Database = db, ApiKey = Key });
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(Article, "application/json", Key))).StatusCode);
        var first = await client.GetAsync("/api/claims?who=ID");
        var etag = first.Headers.ETag!;
        Assert.Equal(1, (await Json(first)).GetProperty("total").GetInt64());
        using (var again = new HttpRequestMessage(HttpMethod.Get, "/api/claims?who=ID"))
        {
            again.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        }
        Assert.Equal(1, (await Json(await client.GetAsync("/api/claims?who=ID"))).GetProperty("total").GetInt64());

        // Another process's ingest (here: another store on the same file) moves the mark.
        using (var store = LedgerStore.Open(db))
            store.Ingest([LedgerTests.Doc("g1", "https://example.org/g1", "Banjir bandang memaksa 3.500 warga mengungsi di Kabupaten Garut, menurut BNPB.", "2023-02-12")]);
        using (var after = new HttpRequestMessage(HttpMethod.Get, "/api/claims?who=ID"))
        {
            after.Headers.IfNoneMatch.Add(etag);
            var r = await client.SendAsync(after);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal(2, (await Json(r)).GetProperty("total").GetInt64());
        }
        // And so does a POST.
        var text = "Sedikitnya 7 warga tewas akibat tanah longsor di Kabupaten Agam, kata BPBD.";
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(text, "text/plain", Key, "?published=2024-05-14"))).StatusCode);
        Assert.Equal(3, (await Json(await client.GetAsync("/api/claims?who=ID"))).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Writes_are_refused_when_no_key_is_configured()
    {
        using var dir = new TempDir();
        using var factory = new TallyWebFactory(new TallyWebOptions { Database = Path.Combine(dir.Path, "nokey.db"), ApiKey = "" });
        using var client = factory.CreateClient();
        await Problem(await client.SendAsync(Post(Article, "application/json", null)), HttpStatusCode.Forbidden);
        await Problem(await client.SendAsync(Post(Article, "application/json", "anything")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_server_never_follows_a_documents_url()
    {
        // A listener on loopback stands for every URL in the documents: nothing may connect to it.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        int connections = 0;
        using var stop = new CancellationTokenSource();
        var accept = Task.Run(async () =>
        {
            try { while (true) { using var c = await listener.AcceptTcpClientAsync(stop.Token); Interlocked.Increment(ref connections); } }
            catch (OperationCanceledException) { }
        });
        var url = $"http://127.0.0.1:{port}";
        using var dir = new TempDir();
        using var factory = new TallyWebFactory(new TallyWebOptions { Database = Path.Combine(dir.Path, "nofetch.db"), ApiKey = Key });
        using var client = factory.CreateClient();
        var html = $"""<!DOCTYPE html><html lang="id"><head><title>Gempa</title><link rel="canonical" href="{url}/canonical"><meta property="og:image" content="{url}/img.png"><script src="{url}/x.js"></script></head><body><article><h1>Gempa</h1><p>Sebanyak 40 warga terluka akibat gempa di Kota Padang, kata BPBD.</p><img src="{url}/photo.jpg"></article></body></html>""";
        var feed = $"""<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar</title><item><title>Banjir</title><link>{url}/item</link><description>Banjir memaksa 300 warga mengungsi di Kabupaten Garut, menurut BNPB.</description></item></channel></rss>""";
        var json = $$"""{"id":"u1","url":"{{url}}/article","title":"Longsor","language":"id","maintext":"Sedikitnya 7 warga tewas akibat longsor di Kabupaten Agam, kata BPBD. Baca: {{url}}/more"}""";
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(html, "text/html", Key))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(feed, "application/rss+xml", Key, "?format=feed"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(json, "application/json", Key))).StatusCode);
        foreach (var page in new[] { "/", "/documents/1", "/documents/2", "/documents/3", "/entries/1" }) await client.GetAsync(page);
        await Task.Delay(300);
        stop.Cancel();
        listener.Stop();
        await accept;
        Assert.Equal(0, connections);
    }

    [Fact]
    public async Task Article_text_is_escaped_in_every_page()
    {
        using var dir = new TempDir();
        using var factory = new TallyWebFactory(new TallyWebOptions { Database = Path.Combine(dir.Path, "xss.db"), ApiKey = Key });
        using var client = factory.CreateClient();
        var posted = await Json(await client.SendAsync(Post(HostileArticle.Json, "application/json", Key)));
        var doc = posted.GetProperty("documents")[0];
        var pages = new List<string> { $"/documents/{doc.GetProperty("row_id").GetInt64()}", "/", "/countries", "/timeline?who=ID&category=killed" };
        pages.AddRange(doc.GetProperty("entries").EnumerateArray().Select(e => $"/entries/{e.GetInt64()}"));
        Assert.True(pages.Count >= 6);
        var parser = new AngleSharp.Html.Parser.HtmlParser();
        foreach (var p in pages)
        {
            var html = await client.GetStringAsync(p);
            // As a browser parses it: no element or attribute of the article's made it into the page.
            using var dom = parser.ParseDocument(html);
            Assert.Empty(dom.QuerySelectorAll("script, iframe, svg, object, embed"));
            Assert.All(dom.QuerySelectorAll("img"), i => Assert.StartsWith("/", i.GetAttribute("src")));
            Assert.DoesNotContain(dom.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(dom.QuerySelectorAll("[href]"), a => a.GetAttribute("href")!.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
            Assert.Empty(dom.QuerySelectorAll("[style]"));
        }
        var docPage = await client.GetStringAsync(pages[0]);
        Assert.Contains("&lt;script&gt;window.__pwned=3&lt;/script&gt;", docPage);
        Assert.Contains("&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;", docPage);
        // JSON escapes markup characters too.
        var api = await client.GetStringAsync($"/api/documents/{doc.GetProperty("row_id").GetInt64()}");
        Assert.DoesNotContain("<script", api);
        Assert.Contains("window.__pwned=3", JsonDocument.Parse(api).RootElement.GetProperty("text").GetString());
        // The chart draws source names without markup.
        var svg = await client.GetStringAsync("/charts/timeline.svg?who=ID&category=killed");
        Assert.DoesNotContain("<script", svg);
        Assert.DoesNotContain("onerror", svg);
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public async Task The_api_works_on_both_backends(string backend)
    {
        using var t = new TestLedger(backend);
        using (var factory = new TallyWebFactory(new TallyWebOptions { Database = t.Location, ApiKey = Key }))
        using (var client = factory.CreateClient())
        {
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(Article, "application/json", Key))).StatusCode);
            var page = await Json(await client.GetAsync("/api/claims?category=killed&who=ID&q=kontak"));
            Assert.Equal(1, page.GetProperty("total").GetInt64());
            var id = page.GetProperty("items")[0].GetProperty("id").GetInt64();
            var entry = await Json(await client.GetAsync($"/api/claims/{id}"));
            Assert.Single(entry.GetProperty("citations").EnumerateArray());
            var rowId = entry.GetProperty("citations")[0].GetProperty("document").GetProperty("row_id").GetInt64();
            Assert.Equal("nduga-1", (await Json(await client.GetAsync($"/api/documents/{rowId}"))).GetProperty("id").GetString());
            Assert.Single((await Json(await client.GetAsync("/api/timeline?who=ID&category=killed"))).GetProperty("series").EnumerateArray());
            Assert.Contains("Kontak tembak", await client.GetStringAsync($"/documents/{rowId}"));
            Assert.Equal(backend, (await Json(await client.GetAsync("/healthz"))).GetProperty("database").GetString());
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
