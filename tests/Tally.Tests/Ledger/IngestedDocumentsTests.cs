using Tally.Extraction;
using Tally.Ledger;

namespace Tally.Tests.Ledger;

/// <summary>
/// <see cref="LedgerStore.Ingest"/> tells where each document of its batch is, as looking each one up before and after
/// the ingest would: documents already stored, repeated within the batch, superseded by a later version in the same
/// batch, and a text reverted to a version the batch itself superseded.
/// </summary>
public class IngestedDocumentsTests
{
    private const string Killed = "Sebanyak 7 warga tewas di Desa Sukamaju.", Injured = "Sebanyak 12 warga luka-luka di Desa Sukamaju.";

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void Ingest_reports_each_document_as_a_lookup_before_and_after_would(string backend)
    {
        var first = new List<ExtractionResult>
        {
            LedgerTests.Doc("old", "https://example.org/old", Killed, "2024-05-01"),
            LedgerTests.Doc("y1", "https://example.org/y", Injured + " Versi satu.", "2024-05-01"),
        };
        var batch = new List<ExtractionResult>
        {
            LedgerTests.Doc("old-again", "https://example.org/old", Killed, "2024-05-01"),
            LedgerTests.Doc("new", "https://example.org/new", Killed + " " + Injured, "2024-05-02"),
            LedgerTests.Doc("new-again", "https://example.org/new-copy", Killed + " " + Injured, "2024-05-02"),
            LedgerTests.Doc("x1", "https://example.org/x", Killed + " Versi satu.", "2024-05-02"),
            LedgerTests.Doc("x2", "https://example.org/x", Killed + " Versi dua.", "2024-05-03"),
            LedgerTests.Doc("y2", "https://example.org/y", Injured + " Versi dua.", "2024-05-03"),
            LedgerTests.Doc("y1-again", "https://example.org/y", Injured + " Versi satu.", "2024-05-03"),
        };

        // What POST /api/documents used to do: look each document up by its text before and after the ingest.
        List<IngestedDocument> expected;
        using (var t = new TestLedger(backend))
        using (var store = t.Open())
        {
            store.Ingest(first);
            var before = batch.Select(r => store.FindDocumentByText(r.Document.Text)).ToList();
            store.Ingest(batch);
            expected = batch.Select((r, i) =>
            {
                var rowId = store.FindDocumentByText(r.Document.Text);
                IReadOnlyList<long> entries = rowId is { } id && store.GetDocument(id) is { } d
                    ? d.Claims.Where(c => c.EntryId is not null).Select(c => c.EntryId!.Value).Distinct().ToList()
                    : [];
                return new IngestedDocument(rowId, before[i] is null, entries);
            }).ToList();
        }

        using (var t = new TestLedger(backend))
        using (var store = t.Open())
        {
            store.Ingest(first);
            var reported = new List<IngestedDocument>();
            var summary = store.Ingest(batch, reported);
            Assert.Equal(batch.Count, reported.Count);
            Assert.Equal(3, summary.Skipped);
            for (int i = 0; i < batch.Count; i++)
            {
                Assert.Equal(expected[i].RowId, reported[i].RowId);
                Assert.Equal(expected[i].New, reported[i].New);
                Assert.Equal(expected[i].EntryIds, reported[i].EntryIds);
            }
            // The cases this covers: one recognised from before, one repeated, one superseded in the batch, one reverted.
            Assert.False(reported[0].New);
            Assert.Equal(reported[1].RowId, reported[2].RowId);
            Assert.True(reported[2].New);
            Assert.Null(reported[3].RowId);
            Assert.NotEmpty(reported[4].EntryIds);
            Assert.Null(reported[6].RowId);
            Assert.False(reported[6].New);
        }
    }
}
