using Tally.Extraction;
using Tally.Ledger;

namespace Tally.Tests.Ledger;

/// <summary>
/// What a ledger holds, without row ids and without what depends on the order documents arrived in (which of two URLs
/// of one text was kept): the documents by their text's hash, every claim with its sentence and whether it cites an
/// entry, every entry with its count, party, dates and citations. Two ledgers with equal snapshots hold the same.
/// </summary>
public static class LedgerSnapshot
{
    public static string Of(LedgerStore store)
    {
        var lines = new List<string>();
        foreach (var r in store.Rows("SELECT content_hash, is_current, version FROM documents"))
            lines.Add("document " + string.Join(" | ", r));
        foreach (var r in store.Rows(
                     "SELECT d.content_hash, c.ordinal, c.category, c.low, c.high, c.who_country, c.evidence_start, c.evidence_end, " +
                     "COALESCE((SELECT s.text FROM sentences s WHERE s.id = c.sentence_id), c.evidence), CASE WHEN c.entry_id IS NULL THEN 0 ELSE 1 END " +
                     "FROM claims c JOIN documents d ON d.id = c.document_id"))
            lines.Add("claim " + string.Join(" | ", r));
        foreach (var r in store.Rows("SELECT category, low, high, who_country, first_seen, last_seen, citations FROM entries"))
            lines.Add("entry " + string.Join(" | ", r));
        lines.Sort(StringComparer.Ordinal);
        return string.Join('\n', lines);
    }

    /// <summary>
    /// Documents whose claims merge the same whatever order they come in: each states one or two figures of different
    /// categories, every figure is one of a few counts none of which rounds to another (12, 37, 58, 71, 93), nobody is
    /// cited as the source, and all are dated within three days. So two writers may take turns in any order and still
    /// owe the ledger one writer leaves; what they may not do is store a text twice or lose a citation.
    /// </summary>
    public static IReadOnlyList<(string Text, string Published)> Texts { get; } = BuildTexts();

    private static List<(string, string)> BuildTexts()
    {
        string[] counts = ["12", "37", "58", "71", "93"];
        string[] places = ["Garut", "Cianjur", "Sumedang"];
        string[] kinds = ["tewas dalam banjir di {0}", "luka-luka akibat longsor di {0}", "mengungsi akibat banjir di {0}"];
        var list = new List<(string, string)>();
        int i = 0;
        foreach (var place in places)
            foreach (var count in counts)
            {
                var first = $"Sebanyak {count} warga {string.Format(kinds[i % 3], place)}.";
                var second = i % 2 == 0 ? $" Sebanyak {counts[(i + 2) % 5]} warga {string.Format(kinds[(i + 1) % 3], place)}." : "";
                list.Add((first + second, $"2024-03-0{1 + i % 3}"));
                i++;
            }
        return list;
    }

    /// <summary>Text <paramref name="i"/> of <see cref="Texts"/> as a document at <paramref name="url"/>.</summary>
    public static ExtractionResult Document(int i, string url) =>
        LedgerTests.Doc($"doc{i}-{url}", url, Texts[i].Text, Texts[i].Published);
}
