using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Tally.Tests.Cli;
using Tally.Web;

namespace Tally.Tests.Web;

/// <summary>
/// The dashboard in a real browser: Debian's Chromium (/usr/bin/chromium) driven by Playwright, against the app on a
/// loopback port over the dev set's ledger. Screenshots go to screenshots/ in the test output folder.
/// </summary>
public class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Key = "browser-test-key";

    private static readonly string[] ChromiumArgs =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private sealed class Session : IAsyncDisposable
    {
        public required TempDir Dir { get; init; }
        public required LiveServer Server { get; init; }
        public required IPlaywright Playwright { get; init; }
        public required IBrowser Browser { get; init; }
        /// <summary>Every URL the browser asked for (all must be this server's).</summary>
        public List<string> Requests { get; } = [];

        public async Task<IPage> Page(int width = 1280, int height = 900)
        {
            var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = Server.Address });
            // Anything the page runs, or that the CSP blocks, is recorded here (init scripts are the test's, not the page's).
            await context.AddInitScriptAsync("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");
            var page = await context.NewPageAsync();
            page.Request += (_, r) => { lock (Requests) Requests.Add(r.Url); };
            page.Dialog += (_, d) => throw new InvalidOperationException("a dialog opened: " + d.Message);
            return page;
        }

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            Playwright.Dispose();
            await Server.DisposeAsync();
            Dir.Dispose();
        }
    }

    private static async Task<Session> Start()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (apt-get install chromium; scripts/test does)");
        Directory.CreateDirectory(Screenshots);
        var dir = new TempDir();
        var server = await LiveServer.StartAsync(new TallyWebOptions { Database = DevLedger.Copy(dir), ApiKey = Key });
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
        return new Session { Dir = dir, Server = server, Playwright = playwright, Browser = browser };
    }

    private static Task Shot(IPage page, string name) => page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    private static async Task NothingRanAndEverythingWasLocal(Session s, IPage page)
    {
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('script').length"));
        Assert.Equal("[]", await page.EvaluateAsync<string>("JSON.stringify(window.__violations)"));
        Assert.True(await page.EvaluateAsync<bool>("typeof window.__pwned === 'undefined'"));
        lock (s.Requests) Assert.All(s.Requests, u => Assert.StartsWith(s.Server.Address + "/", u));
    }

    [SkippableFact]
    public async Task Filter_to_killed_in_ID_open_an_entry_see_its_evidence_then_the_KP_casualties_timeline()
    {
        Skip.If(RepoPaths.Shared is null, "../shared/eval is not present next to the repository");
        await using var s = await Start();
        var page = await s.Page();

        // The claims table, filtered to killed, affected party in Indonesia.
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Claims", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Category").SelectOptionAsync("killed");
        await page.GetByLabel("Affected party's country").SelectOptionAsync("ID");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.WaitForURLAsync("**/?*category=killed*");
        var rows = page.Locator("table.claims tbody tr");
        int n = await rows.CountAsync();
        Assert.True(n > 0);
        var categories = await page.Locator("table.claims tbody td.category").AllTextContentsAsync();
        Assert.All(categories, c => Assert.Equal("killed", c));
        var api = await new HttpClient().GetFromJsonAsync<JsonElement>(s.Server.Address + "/api/claims?category=killed&who=ID");
        Assert.Equal(api.GetProperty("items").GetArrayLength(), n);
        Assert.Contains($"of {api.GetProperty("total").GetInt64()}", await page.Locator("#result-count").TextContentAsync());
        await Shot(page, "1-claims-killed-ID");
        await NothingRanAndEverythingWasLocal(s, page);

        // An entry: its citations, each evidence sentence in its paragraph, the count highlighted in it.
        var entryId = api.GetProperty("items")[0].GetProperty("id").GetInt64();
        await page.Locator($"tr[data-entry='{entryId}'] a").First.ClickAsync();
        await page.WaitForURLAsync($"**/entries/{entryId}");
        await Assertions.Expect(page.Locator("li.citation blockquote .evidence").First).ToBeVisibleAsync();
        var entry = await new HttpClient().GetFromJsonAsync<JsonElement>(s.Server.Address + $"/api/claims/{entryId}");
        // The first citation whose sentence shows its count: the count highlighted, the sentence exactly the stored evidence.
        var items = page.Locator("li.citation");
        int k = 0;
        while (k < await items.CountAsync() && await items.Nth(k).Locator(".evidence mark.hl-count").CountAsync() == 0) k++;
        Assert.True(k < await items.CountAsync(), "no citation shows its count highlighted");
        var evidence = items.Nth(k).Locator("blockquote .evidence");
        var count = evidence.Locator("mark.hl-count");
        await Assertions.Expect(count).ToBeVisibleAsync();
        var cit = entry.GetProperty("citations")[k];
        var countShown = (await count.TextContentAsync())!.Replace("count: ", "");
        var c0 = cit.GetProperty("count");
        Assert.True(countShown.Equals(c0.GetProperty("text").GetString(), StringComparison.OrdinalIgnoreCase) ||
                    countShown.Replace(".", "").Replace(",", "") == c0.GetProperty("low").ToString() || countShown.Replace(".", "").Replace(",", "") == c0.GetProperty("high").ToString(),
            $"count shown '{countShown}' for {c0}");
        var shown = await evidence.EvaluateAsync<string>("e => Array.from(e.childNodes).map(n => n.nodeType === 3 ? n.textContent : Array.from(n.childNodes).filter(c => !(c.classList && c.classList.contains('visually-hidden'))).map(c => c.textContent).join('')).join('')");
        Assert.Equal(cit.GetProperty("evidence").GetProperty("sentence").GetString(), shown);
        Assert.True(await page.Locator("li.citation mark.hl").CountAsync() >= 2, "the count and at least one other part are highlighted");
        Assert.Equal(entry.GetProperty("citations").GetArrayLength(), await page.Locator("li.citation").CountAsync());
        await Shot(page, "2-entry");

        // Its document: the cleaned text with every claim highlighted.
        await items.Nth(k).Locator(".cite-head a[href^='/documents/']").ClickAsync();
        await page.WaitForURLAsync("**/documents/**");
        var rowId = cit.GetProperty("document").GetProperty("row_id").GetInt64();
        var doc = await new HttpClient().GetFromJsonAsync<JsonElement>(s.Server.Address + $"/api/documents/{rowId}");
        var ranges = doc.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("evidence").GetProperty("start").GetInt32()).Distinct().Count();
        Assert.True(await page.Locator("article.doctext mark.claim").CountAsync() >= ranges);
        await Assertions.Expect(page.Locator($"article.doctext mark.claim#ev-{cit.GetProperty("evidence").GetProperty("start").GetInt32()}")).ToBeVisibleAsync();
        await Shot(page, "3-document");

        // The timeline of KP / casualties: one series per source, and the chart drawn.
        await page.GetByRole(AriaRole.Link, new() { Name = "Timeline", Exact = true }).ClickAsync();
        await page.GetByLabel("Affected party's country").SelectOptionAsync("KP");
        await page.GetByLabel("Category").SelectOptionAsync("casualties");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync("**/timeline?*who=KP*");
        var timeline = await new HttpClient().GetFromJsonAsync<JsonElement>(s.Server.Address + "/api/timeline?who=KP&category=casualties");
        var sources = timeline.GetProperty("series").EnumerateArray().Select(x => x.GetProperty("source").GetString()!).ToList();
        Assert.NotEmpty(sources);
        Assert.Equal(sources, await page.Locator("section.series h3").AllTextContentsAsync());
        Assert.Equal(sources.Count, sources.Distinct().Count());
        var chart = page.Locator("figure.chart img");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('figure.chart img'); return i.complete && i.naturalWidth > 0; }");
        Assert.False(string.IsNullOrWhiteSpace(await chart.GetAttributeAsync("alt")));
        await Shot(page, "4-timeline-KP-casualties");

        await page.GotoAsync("/countries");
        Assert.True(await page.Locator("table.countries tbody tr").CountAsync() >= 3);
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('figure.map img'); return i.complete && i.naturalWidth > 0; }");
        await Shot(page, "5-countries");
        await NothingRanAndEverythingWasLocal(s, page);
    }

    [SkippableFact]
    public async Task On_a_phone_width_screen_pages_fit_and_every_control_has_a_label()
    {
        Skip.If(RepoPaths.Shared is null, "../shared/eval is not present next to the repository");
        await using var s = await Start();
        var page = await s.Page(390, 844);
        var first = (await new HttpClient().GetFromJsonAsync<JsonElement>(s.Server.Address + "/api/claims?sort=citations&limit=1")).GetProperty("items")[0];
        var rowId = (await new HttpClient().GetFromJsonAsync<JsonElement>(s.Server.Address + $"/api/claims/{first.GetProperty("id").GetInt64()}"))
            .GetProperty("citations")[0].GetProperty("document").GetProperty("row_id").GetInt64();
        foreach (var (path, name) in new[] { ("/", "phone-claims"), ($"/entries/{first.GetProperty("id").GetInt64()}", "phone-entry"), ($"/documents/{rowId}", "phone-document"),
                     ("/timeline?who=KP&category=killed", "phone-timeline"), ("/countries", "phone-countries") })
        {
            await page.GotoAsync(path);
            // Nothing wider than the screen: no sideways scrolling of the page.
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{path} is wider than the screen");
            // Every form control has a label; every image a text; the page a language and a main landmark.
            Assert.Equal(0, await page.EvaluateAsync<int>("Array.from(document.querySelectorAll('input, select, textarea')).filter(e => e.labels.length === 0).length"));
            Assert.Equal(0, await page.EvaluateAsync<int>("Array.from(document.querySelectorAll('img')).filter(i => !i.alt).length"));
            Assert.Equal("en", await page.EvaluateAsync<string>("document.documentElement.lang"));
            Assert.Equal(1, await page.Locator("main").CountAsync());
            await Shot(page, name);
        }
        // Body text is dark on light: a contrast ratio of at least 4.5:1.
        var ratio = await page.EvaluateAsync<double>("""
            () => {
              const rgb = s => s.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
              const lum = c => { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
              const st = getComputedStyle(document.body);
              const a = lum(rgb(st.color)), b = lum(rgb(st.backgroundColor));
              return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            }
            """);
        Assert.True(ratio >= 4.5, $"contrast {ratio}");
        await NothingRanAndEverythingWasLocal(s, page);
    }

    [SkippableFact]
    public async Task An_article_with_script_payloads_in_its_text_title_and_url_runs_nothing()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed");
        Directory.CreateDirectory(Screenshots);
        using var dir = new TempDir();
        await using var server = await LiveServer.StartAsync(new TallyWebOptions { Database = Path.Combine(dir.Path, "xss.db"), ApiKey = Key });
        using var http = new HttpClient();
        using var req = new HttpRequestMessage(HttpMethod.Post, server.Address + "/api/documents") { Content = new StringContent(HostileArticle.Json, Encoding.UTF8, "application/json") };
        req.Headers.Add("X-Api-Key", Key);
        var posted = await (await http.SendAsync(req)).Content.ReadFromJsonAsync<JsonElement>();
        var doc = posted.GetProperty("documents")[0];
        var rowId = doc.GetProperty("row_id").GetInt64();
        var entries = doc.GetProperty("entries").EnumerateArray().Select(e => e.GetInt64()).ToList();
        Assert.NotEmpty(entries);

        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
        var s = new { Address = server.Address };
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.Address });
        await context.AddInitScriptAsync("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));");
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        var requests = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        page.Request += (_, r) => { lock (requests) requests.Add(r.Url); };
        var pages = new List<string> { $"/documents/{rowId}", "/", "/countries", "/timeline?who=ID&category=killed" };
        pages.AddRange(entries.Select(e => $"/entries/{e}"));
        foreach (var p in pages)
        {
            await page.GotoAsync(p);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.True(await page.EvaluateAsync<bool>("typeof window.__pwned === 'undefined'"), p);
            Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('script, iframe, svg, object, embed').length"));
            Assert.Equal(0, await page.EvaluateAsync<int>("Array.from(document.querySelectorAll('*')).filter(e => Array.from(e.attributes).some(a => a.name.startsWith('on'))).length"));
            Assert.Equal(0, await page.EvaluateAsync<int>("Array.from(document.querySelectorAll('a[href]')).filter(a => !/^https?:$/.test(new URL(a.href).protocol)).length"));
            Assert.Equal("[]", await page.EvaluateAsync<string>("JSON.stringify(window.__violations)"));
        }
        // The payloads are there, as text.
        await page.GotoAsync($"/documents/{rowId}");
        Assert.StartsWith("<img src=x onerror=", await page.Locator("h1").TextContentAsync());
        Assert.Contains("<script>window.__pwned=3</script>", await page.Locator("article.doctext").TextContentAsync());
        Assert.Contains("javascript:alert(document.domain)", await page.Locator("dl.fields").TextContentAsync());
        await Shot(page, "xss-document");
        await page.GotoAsync($"/entries/{entries[0]}");
        await Shot(page, "xss-entry");
        Assert.Empty(dialogs);
        lock (requests) Assert.All(requests, u => Assert.StartsWith(server.Address + "/", u));
    }
}
