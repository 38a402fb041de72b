using Tally.Tests.Cli;
using static Tally.Tests.Inputs.InputSupport;

namespace Tally.Tests.Inputs;

/// <summary>One article, three forms: plain text, a page with its furniture, a feed item. The claims are the same.</summary>
public class SameArticleTests
{
    [Fact]
    public void The_same_article_as_text_as_a_page_and_as_a_feed_item_yields_the_same_claims()
    {
        var r = CliRunner.Run(["extract", Fixture("longsor-cibening.txt"), Fixture("longsor-cibening.html"), Fixture("feed.rss"), "--published", "2024-12-19"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        var docs = Docs(r.Stdout);
        Assert.Equal(["longsor-cibening", "longsor-cibening", "feed-1", "feed-2", "feed-3"], docs.Select(d => d.GetProperty("document").GetProperty("id").GetString()));
        var txt = ClaimRows(docs[0]);
        Assert.Equal(
            // Dedi's figure of the displaced is as of the day he said it (the report day).
            ["deployed 300-300 asserted when=-", "displaced 1400-1400~ asserted when=2024-12-19..2024-12-19", "injured 23-23 asserted when=2024-12-19..2024-12-19",
             "killed 11-11 asserted when=-", "missing 6-6 asserted when=2024-12-19..2024-12-19"],
            txt);
        Assert.Equal(txt, ClaimRows(docs[1]));
        Assert.Equal(txt, ClaimRows(docs[2]));
        foreach (var doc in docs.Take(3))
        {
            Assert.Equal("id", doc.GetProperty("document").GetProperty("language").GetString());
            Assert.Equal("Tanah Longsor Terjang Desa Cibening, 11 Warga Tewas", DocText(doc).Split('\n')[0]);
            AssertOffsetsHonest(doc);
        }
    }
}
