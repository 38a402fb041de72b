using Tally.Documents;
using Tally.Tests.Cli;
using static Tally.Tests.Inputs.InputSupport;

namespace Tally.Tests.Inputs;

/// <summary>RSS and Atom feeds: each item is a document; a broken item costs only itself.</summary>
public class FeedInputTests
{
    [Fact]
    public void An_RSS_feed_with_three_items_gives_three_documents()
    {
        var (sources, errors) = Read(Fixture("feed.rss"));
        Assert.Empty(errors);
        Assert.Equal(["feed-1", "feed-2", "feed-3"], sources.Select(s => s.Id));
        Assert.Equal(["feed.rss[1]", "feed.rss[2]", "feed.rss[3]"], sources.Select(s => Path.GetFileName(s.Origin)));
        Assert.Equal("Tanah Longsor Terjang Desa Cibening, 11 Warga Tewas", sources[0].Title);
        Assert.Equal("https://warta.example.org/daerah/2024/12/19/longsor-cibening", sources[0].Url);
        Assert.All(sources, s => Assert.Equal("Warta Contoh - Daerah", s.Outlet));
        Assert.All(sources, s => Assert.Equal("id-ID", s.DeclaredLanguage));
        // Dates keep their offsets: +0700, GMT, and the WIB zone name.
        Assert.Equal(new DateTimeOffset(2024, 12, 19, 15, 30, 0, TimeSpan.FromHours(7)), sources[0].Published);
        Assert.Equal(TimeSpan.FromHours(7), sources[0].Published!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2024, 12, 19, 9, 10, 0, TimeSpan.Zero), sources[1].Published);
        Assert.Equal(TimeSpan.FromHours(7), sources[2].Published!.Value.Offset);
        Assert.All(sources, s => Assert.True(s.PublishedHasTime && s.PublishedHasOffset));
        // content:encoded is preferred to the description, and read as text.
        Assert.Contains("menewaskan sedikitnya 11 warga", sources[0].Body);
        Assert.DoesNotContain("<p>", sources[0].Body);
        Assert.StartsWith("About 2,300 residents", sources[1].Body);

        var (docs, prepErrors) = Prepare(Fixture("feed.rss"));
        Assert.Empty(prepErrors);
        Assert.Equal(["id", "en", "id"], docs.Select(d => d.Language));
        Assert.DoesNotContain("appeared first on", docs[0].Text);
        Assert.DoesNotContain("Baca juga", docs[0].Text);
        Assert.Equal("2024-12-19T15:30:00+07:00", docs[0].PublishedText);
    }

    [Fact]
    public void An_Atom_feed_gives_one_document_per_entry()
    {
        var (sources, errors) = Read(Fixture("feed.atom"));
        Assert.Empty(errors);
        Assert.Equal(2, sources.Count);
        Assert.Equal("Landslide toll in Cibening rises to 14", sources[0].Title);
        Assert.Equal("https://warta.example.org/en/2024/12/20/cibening-toll", sources[0].Url);
        Assert.Equal(new DateTimeOffset(2024, 12, 20, 7, 45, 0, TimeSpan.FromHours(7)), sources[0].Published);
        Assert.Equal(TimeSpan.FromHours(7), sources[0].Published!.Value.Offset);
        Assert.StartsWith("The number of people killed by the landslide in Cibening has risen to 14", sources[0].Body);
        Assert.StartsWith("Around 1,500 evacuees", sources[1].Body);

        var r = CliRunner.Run(["extract", Fixture("feed.atom")]);
        Assert.Equal(0, r.ExitCode);
        var first = Docs(r.Stdout)[0];
        Assert.Equal("en", first.GetProperty("document").GetProperty("language").GetString());
        Assert.Contains(ClaimRows(first), c => c.StartsWith("killed 14-14 asserted"));
    }

    [Fact]
    public void A_feed_with_one_broken_item_loses_only_that_item()
    {
        using var d = new TempDir();
        var xml = FixtureText("feed.rss").Replace("<title>Flash flood forces 2,300 residents", "<title>Flash <b>flood &bogus; forces 2,300 residents");
        var path = d.File("broken.rss", xml);
        var (sources, errors) = Read(path);
        Assert.Equal(["broken-1", "broken-3"], sources.Select(s => s.Id));
        var e = Assert.Single(errors);
        Assert.EndsWith("broken.rss[2]", e.Origin);
        Assert.Contains("malformed item", e.Reason);
        // The channel's data survives the salvage.
        Assert.All(sources, s => Assert.Equal("Warta Contoh - Daerah", s.Outlet));
        Assert.Equal(TimeSpan.FromHours(7), sources[0].Published!.Value.Offset);
    }

    [Fact]
    public void Items_without_text_and_files_that_are_not_feeds_are_reported()
    {
        using var d = new TempDir();
        var empty = d.File("empty-item.rss", """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>Contoh</title><link>https://warta.example.org/</link>
            <item><link>https://warta.example.org/a</link></item>
            <item><title>Banjir di Lembah Hijau</title><description>Sekitar 2.300 warga mengungsi, kata petugas.</description></item>
            </channel></rss>
            """);
        var (sources, errors) = Read(empty);
        Assert.Equal("empty-item-2", Assert.Single(sources).Id);
        Assert.Contains(errors, e => e.Origin.EndsWith("empty-item.rss[1]") && e.Reason.Contains("no title, description or content"));

        var notFeed = d.File("config.xml", "<?xml version=\"1.0\"?><settings><a>1</a></settings>");
        var (none, why) = Read(notFeed);
        Assert.Empty(none);
        Assert.Contains("not an RSS or Atom feed", Assert.Single(why).Reason);

        var garbage = d.File("garbage.rss", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><<<>>>");
        var (nothing, bad) = Read(garbage);
        Assert.Empty(nothing);
        Assert.Contains("not a well-formed feed", Assert.Single(bad).Reason);
    }
}
