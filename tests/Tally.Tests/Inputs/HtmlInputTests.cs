using System.Text;
using Tally.Documents;
using Tally.Tests.Cli;
using static Tally.Tests.Inputs.InputSupport;

namespace Tally.Tests.Inputs;

/// <summary>HTML pages: the article without the page around it, the page's metadata, sniffing, and broken pages.</summary>
public class HtmlInputTests
{
    [Fact]
    public void The_article_is_read_without_the_page_furniture_and_with_its_metadata()
    {
        var page = HtmlReader.Read(FixtureText("longsor-cibening.html"));
        Assert.True(page.ArticleFound);
        Assert.Equal("Tanah Longsor Terjang Desa Cibening, 11 Warga Tewas", page.Title);
        Assert.Equal("Warta Contoh", page.Outlet);
        Assert.Equal("https://warta.example.org/daerah/2024/12/19/longsor-cibening", page.Url);
        Assert.Equal("id-ID", page.Language);
        Assert.Equal(new DateTimeOffset(2024, 12, 19, 15, 30, 0, TimeSpan.FromHours(7)), page.Published!.Value.Value);
        Assert.Equal(TimeSpan.FromHours(7), page.Published.Value.Value.Offset);
        Assert.True(page.Published.Value.HasTime && page.Published.Value.HasOffset);
        Assert.Contains("menewaskan sedikitnya 11 warga dan melukai 23 lainnya.", page.Text);
        Assert.Contains("Sekitar 1.400 warga sudah mengungsi", page.Text);
        // Navigation, sidebar, related stories, comment form and footer are not the article.
        foreach (var furniture in new[] { "Beranda", "Terpopuler", "25 Penumpang", "8 Orang Tewas", "2 Warga Luka", "Pedoman Media Siber", "Cari berita", "Kirim Komentar", "Hak cipta" })
            Assert.DoesNotContain(furniture, page.Text);

        var (docs, errors) = Prepare(Fixture("longsor-cibening.html"));
        Assert.Empty(errors);
        var doc = Assert.Single(docs);
        Assert.Equal("id", doc.Language);
        Assert.Equal("Warta Contoh", doc.Outlet);
        Assert.Equal("2024-12-19T15:30:00+07:00", doc.PublishedText);
        Assert.StartsWith("Tanah Longsor Terjang Desa Cibening, 11 Warga Tewas\n\n", doc.Text);
        // The title is not repeated at the head of the body; the clutter inside the article is gone.
        Assert.Equal(1, CountOf(doc.Text, "Terjang Desa Cibening"));
        foreach (var clutter in new[] { "Baca juga", "Banjir di Lembah Hijau", "ADVERTISEMENT", "Simak video", "Scroll to Top", "Bagikan" })
            Assert.DoesNotContain(clutter, doc.Text);
    }

    private static int CountOf(string text, string what)
    {
        int n = 0;
        for (int i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    private const string Body = "<article><h1>Banjir</h1><p>Sekitar 2.300 warga mengungsi akibat banjir yang melanda tiga kecamatan di Kabupaten Wanasari sejak Senin malam, kata petugas.</p><p>Petugas masih menyisir bantaran sungai untuk mencari warga yang hilang.</p></article>";

    [Theory]
    // A UTC time in a meta tag is shown in the offset the page's JSON-LD states.
    [InlineData("<meta property='article:published_time' content='2024-12-19T08:30:00Z'><script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-12-19T15:30:00+07:00\"}</script>", null, "2024-12-19T15:30:00+07:00")]
    [InlineData("<script type='application/ld+json'>{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\"},{\"@type\":\"NewsArticle\",\"datePublished\":\"2024-12-19T15:30:00+07:00\"}]}</script>", null, "2024-12-19T15:30:00+07:00")]
    [InlineData("", "<time datetime='2024-12-19T15:30:00+08:00'>19 Dis 2024</time>", "2024-12-19T15:30:00+08:00")]
    [InlineData("<link rel='canonical' href='https://warta.example.org/daerah/2024/12/19/banjir'>", null, "2024-12-19")]
    [InlineData("<meta name='pubdate' content='2024-12-19 15:30:00'>", null, "2024-12-19T15:30:00")]
    [InlineData("<meta property='article:published_time' content='2024-12-19T08:30:00Z'>", null, "2024-12-19T08:30:00+00:00")]
    [InlineData("<meta name='dtk:publishdate' content='2024/12/19 15:30:00'><meta property='og:url' content='https://warta.example.org/2024/12/19/banjir'>", null, "2024-12-19T15:30:00")]
    public void The_published_date_comes_from_meta_json_ld_time_or_the_url_and_keeps_the_page_offset(string head, string? inBody, string expected)
    {
        using var d = new TempDir();
        var path = d.File("page.html", $"<!DOCTYPE html><html lang='id'><head><title>Banjir</title>{head}</head><body>{inBody}{Body}</body></html>");
        var (docs, errors) = Prepare(path);
        Assert.Empty(errors);
        Assert.Equal(expected, Assert.Single(docs).PublishedText);
    }

    [Fact]
    public void A_page_without_a_date_takes_the_published_option()
    {
        using var d = new TempDir();
        var path = d.File("page.html", $"<html><head><title>Banjir</title></head><body>{Body}</body></html>");
        var (docs, _) = Prepare(path, new ReadOptions { Published = new DateTimeOffset(2024, 12, 20, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal("2024-12-20", Assert.Single(docs).PublishedText);
    }

    [Fact]
    public void Files_that_sniff_as_HTML_are_read_as_pages_whatever_their_name()
    {
        using var d = new TempDir();
        var html = FixtureText("longsor-cibening.html");
        foreach (var name in new[] { "saved-page", "saved-page.txt", "saved-page.dat" })
        {
            var (docs, errors) = Read(d.File(name, html));
            Assert.Empty(errors);
            var doc = Assert.Single(docs);
            Assert.Equal("Tanah Longsor Terjang Desa Cibening, 11 Warga Tewas", doc.Title);
            Assert.DoesNotContain("<p>", doc.Body);
        }
        // A text file that merely mentions a tag stays text.
        var (text, _) = Read(d.File("note.txt", "Catatan: tag <b> dipakai untuk huruf tebal.\nSekitar 600 warga mengungsi."));
        Assert.Contains("<b>", Assert.Single(text).Body);
    }

    [Fact]
    public void Bad_pages_give_one_line_each_and_the_batch_goes_on()
    {
        using var d = new TempDir();
        var html = FixtureText("longsor-cibening.html");
        d.File("01-good.html", html);
        // Cut in the middle of the article: what is there is still read.
        var cut = html.IndexOf("Pemerintah kabupaten", StringComparison.Ordinal);
        d.File("02-truncated.html", html[..(cut + 30)]);
        d.Bytes("03-binary.html", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
        d.File("04-deep.html", "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "Sekitar 600 warga mengungsi.</body></html>");
        d.File("05-empty.html", "<html><head><script>var x = 1;</script></head><body><nav><a href='/'>Beranda</a></nav></body></html>");
        // Says ISO-8859-1, is UTF-8: read as UTF-8, with a warning.
        d.Bytes("06-lying.html", Encoding.UTF8.GetBytes(html.Replace("<meta charset=\"utf-8\">", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">").Replace("Dedi Kurniawan", "Dédi Kurniawan")));
        var huge = Path.Combine(d.Path, "07-huge.html");
        using (var f = File.Create(huge)) f.SetLength(100L * 1024 * 1024);
        d.File("08-malformed.html", "<html><body><p>Sekitar 600 warga <b>mengungsi <i>ke balai desa</p></div></span><p>kata petugas BPBD setempat pada Senin malam.<table><tr><td>x</body>");

        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r = CliRunner.Run(["extract", d.Path, "--published", "2024-12-19"]);
        sw.Stop();
        Assert.Equal(0, r.ExitCode);
        var docs = Docs(r.Stdout);
        var ids = docs.Select(x => x.GetProperty("document").GetProperty("id").GetString()).ToList();
        Assert.Equal(["01-good", "02-truncated", "06-lying", "08-malformed"], ids);
        Assert.Contains("Dédi Kurniawan", DocText(docs[2]));
        Assert.Contains("Sekitar 600 warga mengungsi ke balai desa", DocText(docs[3]));
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("03-binary.html") && l.Contains("binary"));
        Assert.Contains(lines, l => l.Contains("04-deep.html") && l.Contains("nested"));
        Assert.Contains(lines, l => l.Contains("05-empty.html") && l.Contains("no text"));
        Assert.Contains(lines, l => l.Contains("06-lying.html") && l.Contains("iso-8859-1") && l.Contains("UTF-8"));
        Assert.Contains(lines, l => l.Contains("07-huge.html") && l.Contains("100 MB") && l.Contains("limit"));
        Assert.Equal(5, lines.Length);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(60), $"took {sw.Elapsed}");
    }
}
