using System.Text.Json;
using Tally.Tests.Cli;

namespace Tally.Tests.Ledger;

/// <summary>
/// One statement told by several outlets, in Indonesian, English and Malay, gets the same category, count, party country
/// and source identity, so the ledger keeps it as one entry with a citation per outlet (issue 12.3). Every sentence is
/// written for this test; the events are invented.
/// </summary>
public class CrossOutletConsistencyTests
{
    private static void Article(TempDir d, string id, string language, string published, string title, string body) =>
        d.File(Path.Combine("docs", id + ".json"), JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["id"] = id, ["url"] = $"https://{id}.example.org/news/{id}", ["language"] = language,
            ["date_publish"] = published, ["title"] = title, ["maintext"] = body,
        }));

    private static List<JsonElement> Entries(string db, string category)
    {
        var r = CliRunner.Run(["claims", "--db", db, "--category", category, "--format", "jsonl"]);
        Assert.Equal(0, r.ExitCode);
        return r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
    }

    [Fact]
    public void One_statement_in_three_languages_and_four_phrasings_is_one_entry()
    {
        using var d = new TempDir();
        var docs = Path.Combine(d.Path, "docs");
        // A toll: active and passive, the speaker before and after, a spokesman's office in three languages.
        Article(d, "tol-id-1", "id", "2025-03-04 10:00:00", "Banjir Bima",
            "Juru bicara BNPB Abdul Muhari mengatakan 42 orang tewas akibat banjir bandang di Kabupaten Bima, Nusa Tenggara Barat.");
        Article(d, "tol-id-2", "id", "2025-03-04 12:00:00", "Korban banjir Bima",
            "Sebanyak 42 warga meninggal dunia dalam banjir bandang di Bima, kata juru bicara BNPB Abdul Muhari.");
        Article(d, "tol-en-1", "en", "2025-03-04 15:00:00", "Bima floods",
            "Flash floods killed 42 people in Bima, Indonesia, said Abdul Muhari, a spokesman for the disaster agency BNPB.");
        Article(d, "tol-ms-1", "ms", "2025-03-05 08:00:00", "Banjir di Bima",
            "Jurucakap BNPB Abdul Muhari berkata seramai 42 orang maut dalam banjir kilat di Bima, Indonesia.");
        // A combined figure ("killed or wounded") with a ministry's name in three languages.
        Article(d, "gab-id-1", "id", "2025-05-10 09:00:00", "Serangan di Kursk",
            "Sebanyak 31 tentara Rusia tewas atau terluka dalam serangan drone di Kursk, kata Kementerian Pertahanan Ukraina.");
        Article(d, "gab-en-1", "en", "2025-05-10 11:00:00", "Drone strike in Kursk",
            "Ukraine's defence ministry said 31 Russian soldiers were killed or wounded in a drone strike in Kursk.");
        Article(d, "gab-ms-1", "ms", "2025-05-10 13:00:00", "Serangan dron di Kursk",
            "Kementerian Pertahanan Ukraine berkata 31 askar Rusia terkorban atau cedera dalam serangan dron di Kursk.");

        var db = Path.Combine(d.Path, "ledger.db");
        var ingest = CliRunner.Run(["ingest", docs, "--db", db]);
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("documents read 7, stored 7", ingest.Stderr);

        var toll = Assert.Single(Entries(db, "killed"));
        Assert.Equal(42, toll.GetProperty("count").GetProperty("low").GetInt64());
        Assert.Equal("ID", toll.GetProperty("who").GetProperty("country").GetString());
        Assert.Contains("Abdul Muhari", toll.GetProperty("source").GetProperty("text").GetString());
        Assert.Equal(4, toll.GetProperty("citations").GetArrayLength());

        var combined = Assert.Single(Entries(db, "casualties"));
        Assert.Equal(31, combined.GetProperty("count").GetProperty("low").GetInt64());
        Assert.Equal("RU", combined.GetProperty("who").GetProperty("country").GetString());
        Assert.Equal("UA", combined.GetProperty("source").GetProperty("country").GetString());
        Assert.Equal(3, combined.GetProperty("citations").GetArrayLength());
        // Nobody read "killed or wounded" as killed or as injured.
        Assert.Empty(Entries(db, "injured"));
    }
}
