using CsCheck;
using Tally.Extraction;
using Tally.Ledger;

namespace Tally.Tests.Ledger;

/// <summary>
/// Two writers on one ledger (two stores on two threads, each with its own connection, as two processes or a CLI and a
/// server have): whatever turns they take, the ledger is the one a single writer leaves — no text stored twice, no
/// citation counted twice or lost, no writer failing because the other stored the same document first.
/// </summary>
public class LedgerConcurrencyTests
{
    /// <summary>One writer's work: batches of (text, URL) in order.</summary>
    private sealed record Writer(List<List<(int Text, string Url)>> Batches);

    private static List<ExtractionResult> Results(List<(int Text, string Url)> batch) =>
        batch.Select(d => Extracted.GetOrAdd((d.Text, d.Url), k => LedgerSnapshot.Document(k.Item1, k.Item2))).ToList();

    // Extraction is deterministic; each (text, URL) is extracted once for all the runs of a test.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int, string), ExtractionResult> Extracted = new();

    /// <summary>Both writers at once, each through its own store, released together.</summary>
    private static void RunTogether(string location, Writer a, Writer b)
    {
        using var start = new Barrier(2);
        Exception? failure = null;
        void Work(Writer w)
        {
            try
            {
                using var store = LedgerStore.Open(location);
                start.SignalAndWait();
                foreach (var batch in w.Batches) store.Ingest(Results(batch));
            }
            catch (Exception e) { failure ??= e; start.RemoveParticipant(); }
        }
        var ta = new Thread(() => Work(a));
        var tb = new Thread(() => Work(b));
        ta.Start(); tb.Start();
        ta.Join(); tb.Join();
        if (failure is not null) throw new Xunit.Sdk.XunitException("a writer failed: " + failure);
    }

    /// <summary>The ledger one writer leaves with both writers' batches, one after the other.</summary>
    private static string OneWriter(string backend, Writer a, Writer b)
    {
        using var t = new TestLedger(backend);
        using var store = t.Open();
        foreach (var batch in a.Batches.Concat(b.Batches)) store.Ingest(Results(batch));
        return LedgerSnapshot.Of(store);
    }

    private static Writer Split(IEnumerable<(int, string)> docs, int batchSize) =>
        new(docs.Chunk(batchSize).Select(c => c.ToList()).ToList());

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void Two_writers_of_the_same_texts_under_different_urls_leave_the_ledger_one_writer_leaves(string backend)
    {
        var all = Enumerable.Range(0, LedgerSnapshot.Texts.Count).ToList();
        // The same texts, each writer with URLs of its own, and the same texts at the same URLs: one batch per document,
        // so that the writers take turns as often as they can.
        var a = Split(all.Select(i => (i, $"https://a.example/{i}")), 1);
        var b = Split(all.Select(i => (i, $"https://b.example/{i}")), 1);
        var c = Split(all.Select(i => (i, $"https://a.example/{i}")), 2);
        foreach (var (x, y) in new[] { (a, b), (a, c) })
        {
            using var t = new TestLedger(backend);
            using (t.Open()) { } // created, so that both writers race on the data (the migrations' race has its own test)
            RunTogether(t.Location, x, y);
            using var store = t.Open();
            Assert.Equal(OneWriter(backend, x, y), LedgerSnapshot.Of(store));
            Assert.Equal(LedgerSnapshot.Texts.Count, store.Totals().Documents);
        }
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void Two_writers_opening_a_new_ledger_at_once_both_finish(string backend)
    {
        // Neither has created the schema yet: both open (and migrate) at the same moment, then write overlapping halves.
        var half = LedgerSnapshot.Texts.Count / 2;
        var a = Split(Enumerable.Range(0, half + 3).Select(i => (i, $"https://a.example/{i}")), 3);
        var b = Split(Enumerable.Range(half - 3, LedgerSnapshot.Texts.Count - half + 3).Select(i => (i, $"https://b.example/{i}")), 3);
        using var t = new TestLedger(backend);
        RunTogether(t.Location, a, b);
        using var store = t.Open();
        Assert.Equal(Migrations.Latest, store.SchemaVersion);
        Assert.Equal(Migrations.All.Count, store.Rows("SELECT version FROM schema_version").Count);
        Assert.Equal(OneWriter(backend, a, b), LedgerSnapshot.Of(store));
    }

    /// <summary>
    /// Property: for any two writers — any documents each takes (none, one writer, both; at its own URL or the other's),
    /// in batches of any size — running them at once leaves the ledger one writer leaves, and ingesting everything again
    /// changes nothing.
    /// </summary>
    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void Any_interleaving_of_two_writers_equals_one_writer_and_reingest_is_a_no_op(string backend)
    {
        Skip.If(backend == "postgresql" && TestLedger.PostgresServer is null, "TALLY_TEST_POSTGRES is not set");
        int n = LedgerSnapshot.Texts.Count;
        var gen =
            from who in Gen.Int[0, 4].Array[n]     // 0: nobody, 1: A, 2: B, 3: both at their own URLs, 4: both at one URL
            from sizeA in Gen.Int[1, 4]
            from sizeB in Gen.Int[1, 4]
            from reverse in Gen.Bool               // B takes the documents in the opposite order
            select (who, sizeA, sizeB, reverse);
        gen.Sample(g =>
        {
            var (who, sizeA, sizeB, reverse) = g;
            var docsA = Enumerable.Range(0, n).Where(i => who[i] is 1 or 3 or 4).Select(i => (i, $"https://a.example/{i}"));
            var docsB = Enumerable.Range(0, n).Where(i => who[i] is 2 or 3 or 4).Select(i => (i, who[i] == 4 ? $"https://a.example/{i}" : $"https://b.example/{i}"));
            if (reverse) docsB = docsB.Reverse();
            var a = Split(docsA, sizeA);
            var b = Split(docsB, sizeB);
            using var t = new TestLedger(backend);
            using (t.Open()) { }
            RunTogether(t.Location, a, b);
            using var store = t.Open();
            var together = LedgerSnapshot.Of(store);
            Assert.Equal(OneWriter(backend, a, b), together);
            // Again, all of it, in one batch: nothing new.
            var again = store.Ingest(Results(a.Batches.Concat(b.Batches).SelectMany(x => x).ToList()));
            Assert.Equal(0, again.Stored);
            Assert.Equal(0, again.ClaimsAdded);
            Assert.Equal(together, LedgerSnapshot.Of(store));
        }, iter: backend == "postgresql" ? 8 : 15, threads: 1);
    }
}
