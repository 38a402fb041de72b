using System.Diagnostics;
using Tally.Ledger;
using Tally.Testing;

namespace Tally.Bench;

/// <summary>
/// `-- store-profile`: the ledger's writer alone. The generated documents (TALLY_BENCH_DOCS, 100,000 by default) are
/// read and extracted first, then stored in batches of 512 into a new SQLite ledger; prints documents/s and the
/// process's CPU time per document for the storing. TALLY_KEEP=1 keeps the database (to look at query plans).
/// </summary>
public static class StoreProfile
{
    public static void Run()
    {
        int n = IngestBenchmark.Count;
        var dir = Path.Combine(Path.GetTempPath(), "tally-store-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var input = Path.Combine(dir, "docs.jsonl");
            SyntheticNews.WriteJsonLines(input, SyntheticNews.Generate(IngestBenchmark.BaseArticles(), n));
            var pipeline = new Pipeline(new PipelineOptions());
            var clock = Stopwatch.StartNew();
            var results = pipeline.Run([input], _ => { }).ToList();
            Console.WriteLine($"read and extracted {results.Count} documents in {clock.Elapsed.TotalSeconds:0.0} s ({results.Count / clock.Elapsed.TotalSeconds:0} docs/s)");
            using var store = LedgerStore.Open(Path.Combine(dir, "ledger.db"));
            clock.Restart();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            for (int i = 0; i < results.Count; i += 512)
            {
                store.Ingest(results.GetRange(i, Math.Min(512, results.Count - i)));
                if (i / 512 % 20 == 19) Console.WriteLine($"{i + 512,8} docs  {(i + 512) / clock.Elapsed.TotalSeconds,6:0} docs/s");
            }
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            Console.WriteLine($"stored {results.Count} documents: {results.Count / clock.Elapsed.TotalSeconds:0} docs/s, CPU {cpu.TotalMilliseconds * 1000 / results.Count:0} µs per document");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("TALLY_KEEP") is null) Directory.Delete(dir, true);
            else Console.WriteLine("kept " + dir);
        }
    }
}
