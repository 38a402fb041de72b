using System.Text;
using Tally.Documents;
using Tally.Tests.Cli;
using static Tally.Tests.Inputs.InputSupport;

namespace Tally.Tests.Inputs;

/// <summary>URLs and --fetch, against a server on 127.0.0.1 only: politeness, limits, failures.</summary>
public class FetchTests
{
    private static string Page(string title, string paragraph) =>
        $"<!DOCTYPE html><html lang='id'><head><title>{title}</title><meta property='og:site_name' content='Warta Contoh'></head><body>"
        + "<nav><a href='/'>Beranda</a> <a href='/daerah'>Daerah</a></nav>"
        + $"<article><h1>{title}</h1><p>{paragraph}</p><p>Petugas gabungan masih menyisir lokasi kejadian hingga Kamis malam untuk memastikan tidak ada warga yang tertinggal.</p></article>"
        + "<footer>&copy; Warta Contoh</footer></body></html>";

    private static string Feed(LocalHttpServer server, int items) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Warta Contoh</title><link>" + server.Url("/") + "</link><language>id</language>"
        + string.Concat(Enumerable.Range(1, items).Select(i =>
            $"<item><title>Berita {i}</title><link>{server.Url($"/berita/{i}")}</link><pubDate>Thu, 19 Dec 2024 1{i % 10}:00:00 +0700</pubDate>"
            + $"<description>Ringkasan berita {i} dari umpan.</description></item>"))
        + "</channel></rss>";

    [Fact]
    public void A_URL_on_the_command_line_is_fetched_with_a_polite_user_agent()
    {
        using var server = new LocalHttpServer();
        server.Add("/daerah/2024/12/19/longsor-cibening", "text/html; charset=utf-8", FixtureText("longsor-cibening.html"));
        var url = server.Url("/daerah/2024/12/19/longsor-cibening");
        var r = CliRunner.Run(["extract", url]);
        Assert.Equal(0, r.ExitCode);
        var doc = Assert.Single(Docs(r.Stdout));
        Assert.Equal("longsor-cibening", doc.GetProperty("document").GetProperty("id").GetString());
        Assert.Equal("2024-12-19T15:30:00+07:00", doc.GetProperty("document").GetProperty("published").GetString());
        Assert.Equal(5, doc.GetProperty("claims").GetArrayLength());
        Assert.Equal(FetchOptions.DefaultUserAgent, Assert.Single(server.UserAgents));
        Assert.Equal("Tally/0.1 (+https://example.org/tally; crisis-news research)", FetchOptions.DefaultUserAgent);
    }

    [Fact]
    public void Feed_items_linked_pages_are_fetched_only_with_fetch()
    {
        using var server = new LocalHttpServer();
        server.Add("/feed.xml", "application/rss+xml", Feed(server, 2));
        server.Add("/berita/1", "text/html", Page("Longsor di Cibening", "Sedikitnya 11 warga tewas dan 23 lainnya luka-luka akibat tanah longsor di Desa Cibening, kata Kepala BPBD Wanasari."));
        server.Add("/berita/2", "text/html", Page("Banjir di Lembah Hijau", "Sekitar 2.300 warga mengungsi akibat banjir di Lembah Hijau, kata petugas BPBD Wanasari kepada wartawan."));

        var plain = CliRunner.Run(["extract", server.Url("/feed.xml")]);
        Assert.Equal(0, plain.ExitCode);
        var docs = Docs(plain.Stdout);
        Assert.Equal(2, docs.Count);
        Assert.Contains("Ringkasan berita 1 dari umpan.", DocText(docs[0]));
        Assert.Equal(["/feed.xml"], server.Paths.ToArray());

        var fetched = CliRunner.Run(["extract", server.Url("/feed.xml"), "--fetch"]);
        Assert.Equal(0, fetched.ExitCode);
        Assert.Equal("", fetched.Stderr);
        docs = Docs(fetched.Stdout);
        Assert.Equal(["feed-1", "feed-2"], docs.Select(x => x.GetProperty("document").GetProperty("id").GetString()));
        Assert.Contains("Sedikitnya 11 warga tewas", DocText(docs[0]));
        Assert.DoesNotContain("Ringkasan", DocText(docs[0]));
        Assert.DoesNotContain("Beranda", DocText(docs[0]));
        Assert.Equal(server.Url("/berita/1"), docs[0].GetProperty("document").GetProperty("url").GetString());
        // The item's date (with its offset) is kept over the page's.
        Assert.Equal("2024-12-19T11:00:00+07:00", docs[0].GetProperty("document").GetProperty("published").GetString());
        Assert.Contains(ClaimRows(docs[1]), c => c.StartsWith("displaced 2300-2300~"));
        Assert.All(server.UserAgents, ua => Assert.Equal(FetchOptions.DefaultUserAgent, ua));
    }

    [Fact]
    public void Slow_big_missing_and_redirected_URLs_give_one_line_each_and_the_batch_goes_on()
    {
        using var server = new LocalHttpServer();
        server.Add("/ok", "text/html", Page("Banjir", "Sekitar 2.300 warga mengungsi akibat banjir di Lembah Hijau, kata petugas BPBD Wanasari kepada wartawan."));
        server.Add("/slow", "text/html", Page("Lambat", "Halaman ini terlalu lambat."), TimeSpan.FromSeconds(10));
        server.Add("/big", new LocalHttpServer.Route(200, "text/html", Encoding.ASCII.GetBytes(new string('a', 300_000))));
        server.Add("/big-unannounced", new LocalHttpServer.Route(200, "text/html", Encoding.ASCII.GetBytes(new string('a', 300_000)), LieAboutLength: true));
        server.Add("/to-file", new LocalHttpServer.Route(302, "text/html", [], Location: "file:///etc/passwd"));
        server.Add("/to-ok", new LocalHttpServer.Route(301, "text/html", [], Location: "/ok"));
        var feed = Feed(server, 3).Replace(server.Url("/berita/2"), server.Url("/missing"));
        server.Add("/feed.xml", "application/rss+xml", feed);
        server.Add("/berita/1", "text/html", Page("Longsor", "Sedikitnya 11 warga tewas akibat tanah longsor di Desa Cibening, kata Kepala BPBD Wanasari kepada wartawan."));
        server.Add("/berita/3", "text/html", Page("Kebakaran", "Tidak ada korban jiwa dalam kebakaran Pasar Lama, kata petugas pemadam kebakaran Kabupaten Wanasari."));

        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = CliRunner.Run(["extract", server.Url("/slow"), server.Url("/big"), server.Url("/big-unannounced"), server.Url("/to-file"), server.Url("/missing"),
            server.Url("/to-ok"), "ftp://127.0.0.1/file.txt", server.Url("/feed.xml"), "--fetch", "--timeout", "1.5", "--max-bytes", "100000"]);
        sw.Stop();
        Assert.Equal(0, r.ExitCode);
        var docs = Docs(r.Stdout);
        Assert.Equal(["ok", "feed-1", "feed-2", "feed-3"], docs.Select(x => x.GetProperty("document").GetProperty("id").GetString()));
        Assert.Equal(server.Url("/ok"), docs[0].GetProperty("document").GetProperty("url").GetString());
        // The item whose page is missing is read from the feed's own text.
        Assert.Contains("Ringkasan berita 2", DocText(docs[2]));
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("/slow") && l.Contains("timed out"));
        Assert.Contains(lines, l => l.Contains("/big:") && l.Contains("limit"));
        Assert.Contains(lines, l => l.Contains("/big-unannounced") && l.Contains("limit"));
        Assert.Contains(lines, l => l.Contains("/to-file") && l.Contains("refused"));
        Assert.Contains(lines, l => l.Contains("/missing:") && l.Contains("HTTP 404"));
        Assert.Contains(lines, l => l.StartsWith("tally: ftp://127.0.0.1/file.txt") && l.Contains("only http and https"));
        Assert.Contains(lines, l => l.Contains("feed.xml[2]") && l.Contains("HTTP 404") && l.Contains("using the feed's text"));
        Assert.Equal(7, lines.Length);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30), $"took {sw.Elapsed}");
    }

    [Fact]
    public async Task No_more_than_the_set_number_of_requests_are_in_flight()
    {
        using var server = new LocalHttpServer();
        // Each answer takes long enough that a second request is surely started while the first waits, even on a busy machine.
        for (int i = 0; i < 8; i++) server.Add($"/p{i}", "text/html", Page($"Berita {i}", "Isi berita."), TimeSpan.FromMilliseconds(800));
        using var fetcher = new Fetcher(new FetchOptions { Concurrency = 2, Timeout = TimeSpan.FromSeconds(20) });
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => fetcher.FetchAsync(server.Url($"/p{i}"), CancellationToken.None)));
        Assert.Equal(8, results.Length);
        Assert.Equal(2, fetcher.MaxInFlight);
        Assert.True(server.MaxConcurrent <= 2, $"server saw {server.MaxConcurrent} at once");

        // The same limit holds for --fetch on a feed, through the program.
        using var feedServer = new LocalHttpServer();
        feedServer.Add("/feed.xml", "application/rss+xml", Feed(feedServer, 6));
        for (int i = 1; i <= 6; i++)
            feedServer.Add($"/berita/{i}", "text/html", Page($"Berita {i}", $"Sekitar {i}00 warga mengungsi akibat banjir di Lembah Hijau, kata petugas BPBD Wanasari kepada wartawan."), TimeSpan.FromMilliseconds(800));
        var r = CliRunner.Run(["extract", feedServer.Url("/feed.xml"), "--fetch", "--concurrency", "2"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(6, Docs(r.Stdout).Count);
        Assert.Equal(2, feedServer.MaxConcurrent);
    }

    [Fact]
    public void Only_http_and_https_are_fetched()
    {
        using var fetcher = new Fetcher();
        Assert.Contains("only http and https", Assert.Throws<FetchException>(() => fetcher.Fetch("file:///etc/passwd")).Message);
        Assert.False(Fetcher.IsWebUrl("ftp://127.0.0.1/x"));
        Assert.True(Fetcher.IsWebUrl("https://127.0.0.1/x"));
    }
}
