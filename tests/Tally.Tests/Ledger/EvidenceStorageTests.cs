using Tally.Ledger;

namespace Tally.Tests.Ledger;

/// <summary>
/// A sentence that holds many figures is stored once, not once per claim and again per entry (a page of figures used to
/// multiply its text by its claims in the database, in the write-ahead log and in every answer); what the ledger returns
/// is unchanged: every citation still carries its sentence.
/// </summary>
public class EvidenceStorageTests
{
    /// <summary>One sentence naming <paramref name="n"/> villages, each with its own number of dead.</summary>
    private static string Figures(int n, string place = "Garut") =>
        $"Banjir melanda {place}: " + string.Join(", ", Enumerable.Range(0, n).Select(i => $"di Desa Suka{(char)('a' + i % 26)}{i} sebanyak {i + 3} warga tewas")) + ".";

    private static long Number(LedgerStore store, string sql) => Convert.ToInt64(store.Rows(sql)[0][0] ?? 0L);

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void A_sentence_of_many_figures_is_stored_once_and_every_citation_still_shows_it(string backend)
    {
        using var t = new TestLedger(backend);
        using var store = t.Open();
        var text = Figures(60);
        var doc = LedgerTests.Doc("figs", "https://example.org/figs", text, "2024-03-02");
        Assert.True(doc.Claims.Count >= 50, $"{doc.Claims.Count} claims");
        store.Ingest([doc]);
        long claims = Number(store, "SELECT COUNT(*) FROM claims");
        Assert.Equal(doc.Claims.Count, claims);
        // Each sentence stored once for all the claims it holds (the extraction cuts a sentence over 1,000 characters at a
        // clause mark, so this one comes in a few pieces); no claim or entry row holds a copy.
        var sentences = doc.Claims.Select(c => c.Evidence).Distinct().ToList();
        Assert.InRange(sentences.Count, 1, 4);
        Assert.Equal(sentences.Count, Number(store, "SELECT COUNT(*) FROM sentences"));
        Assert.True(Number(store, "SELECT SUM(LENGTH(text)) FROM sentences") <= text.Length);
        Assert.Equal(0, Number(store, "SELECT COALESCE(SUM(LENGTH(evidence)), 0) FROM claims"));
        Assert.Equal(0, Number(store, "SELECT COALESCE(SUM(LENGTH(evidence)), 0) FROM entries"));
        // Read back as before: each entry and each of its citations with its sentence and span.
        foreach (var e in store.List(new EntryFilter(), withCitations: true))
        {
            Assert.Contains(e.Claim.Evidence, sentences);
            Assert.Equal(e.Claim.Evidence, Assert.Single(e.Citations).Evidence);
        }
        var (_, _, stored) = store.GetDocument(store.FindDocumentByText(doc.Document.Text)!.Value)!.Value;
        Assert.Equal(doc.Claims.Select(c => c.Evidence), stored.Select(c => c.Claim.Evidence));
        // Search sees the sentence (a village named only there), for every claim it holds.
        int inFirst = stored.Count(c => c.Claim.Evidence == sentences[0]);
        Assert.True(inFirst >= 10);
        Assert.Equal(inFirst, store.List(new EntryFilter { Search = "Sukab1" }).Count);
        Assert.Equal(inFirst, store.List(new EntryFilter { Search = "banjir warga" }).Count);
        Assert.Empty(store.List(new EntryFilter { Search = "Sukab1 gempa" }));
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void What_is_stored_grows_with_the_text_not_with_claims_times_text(string backend)
    {
        // Twice the figures in one sentence: twice the claims, and (the sentence stored once) about twice the characters
        // stored, not four times as when each claim copied it.
        long Stored(int n)
        {
            using var t = new TestLedger(backend);
            using var store = t.Open();
            store.Ingest([LedgerTests.Doc("figs", "https://example.org/figs", Figures(n), "2024-03-02")]);
            return Number(store, "SELECT (SELECT COALESCE(SUM(LENGTH(text)), 0) FROM sentences) + (SELECT COALESCE(SUM(LENGTH(evidence)), 0) FROM claims) " +
                                 "+ (SELECT COALESCE(SUM(LENGTH(evidence)), 0) FROM entries) + (SELECT SUM(LENGTH(text)) FROM documents)");
        }
        long small = Stored(40), large = Stored(80);
        Assert.True(large < small * 3, $"40 figures: {small} characters stored, 80 figures: {large}");
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void A_version_7_ledger_moves_its_copied_sentences_into_one_row_each(string backend)
    {
        using var t = new TestLedger(backend);
        const string first = "Banjir di Sukamaju menewaskan 14 warga dan 3 relawan.", second = "Di Cibening 5 warga hilang.";
        const string text = first + " " + second;
        // As schema 7 left it: two claims copying the first sentence, one the second; the entries copy them too.
        using (var old = t.Open(schemaVersion: 7))
        {
            old.Execute("INSERT INTO documents (doc_key, url, url_key, version, is_current, content_hash, language, published_date, text, ingested_at) " +
                        $"VALUES ('a', 'https://example.org/a', 'https://example.org/a', 1, 1, 'h1', 'id', '2024-03-02', '{text}', '2024-03-02')");
            int at2 = first.Length + 1;
            foreach (var (cat, n, who, s, start) in new[] { ("killed", 14, "warga", first, 0), ("killed", 3, "sukarelawan", first, 0), ("missing", 5, "warga", second, at2) })
            {
                old.Execute("INSERT INTO entries (category, low, high, count_text, who_text, who_country, evidence, evidence_start, evidence_end, evidence_document, first_seen, last_seen, citations) " +
                            $"SELECT '{cat}', {n}, {n}, '{n}', '{who}', 'ID', '{s}', {start}, {start + s.Length}, d.id, '2024-03-02', '2024-03-02', 1 FROM documents d");
                old.Execute("INSERT INTO claims (document_id, entry_id, ordinal, category, low, high, count_text, who_text, who_country, evidence, evidence_start, evidence_end, published_date) " +
                            $"SELECT d.id, MAX(e.id), 0, '{cat}', {n}, {n}, '{n}', '{who}', 'ID', '{s}', {start}, {start + s.Length}, '2024-03-02' FROM documents d, entries e GROUP BY d.id");
            }
        }
        using var store = t.Open();
        Assert.Equal(Migrations.Latest, store.SchemaVersion);
        Assert.Equal(2, Number(store, "SELECT COUNT(*) FROM sentences"));
        Assert.Equal(0, Number(store, "SELECT COUNT(*) FROM claims WHERE sentence_id IS NULL OR evidence <> ''"));
        Assert.Equal(0, Number(store, "SELECT COUNT(*) FROM entries WHERE sentence_id IS NULL OR evidence <> ''"));
        var entries = store.List(new EntryFilter { Sort = "count" }, withCitations: true);
        Assert.Equal([first, second, first], entries.Select(e => e.Claim.Evidence.Sentence));
        Assert.Equal([first, second, first], entries.Select(e => Assert.Single(e.Citations).Evidence.Sentence));
        Assert.Equal(first.Length + 1, entries[1].Citations[0].Evidence.Start);
        // The search index was rebuilt from the sentences: a word only in the sentence, and one only in the claim's party.
        Assert.Equal(2, store.List(new EntryFilter { Search = "Sukamaju" }).Count);
        Assert.Single(store.List(new EntryFilter { Search = "Sukamaju sukarelawan" }));
        Assert.Single(store.List(new EntryFilter { Search = "Cibening" }));
        // A new document restating a figure joins its entry, and its sentence is stored once.
        store.Ingest([LedgerTests.Doc("b", "https://example.net/b", "Banjir di Sukamaju menewaskan 14 warga.", "2024-03-03")]);
        Assert.Equal(2, store.List(new EntryFilter { Search = "Sukamaju" }, withCitations: true).Max(e => e.CitationCount));
        Assert.Equal(3, Number(store, "SELECT COUNT(*) FROM sentences"));
    }
}
