using System.Diagnostics;
using Tally.Ledger;
using Tally.Testing;
using Tally.Documents;
namespace Tally.Bench;
public static class StoreProfile
{
    public static void Run()
    {
        int n = IngestBenchmark.Count;
        var dir = Path.Combine(Path.GetTempPath(), "tally-sp-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        var input = Path.Combine(dir, "docs.jsonl");
        SyntheticNews.WriteJsonLines(input, SyntheticNews.Generate(IngestBenchmark.BaseArticles(), n));
        var pipeline = new Pipeline(new PipelineOptions());
        var clock = Stopwatch.StartNew();
        var results = pipeline.Run([input], _ => { }).ToList();
        Console.WriteLine($"extract {results.Count} docs in {clock.Elapsed.TotalSeconds:0.0}s = {results.Count / clock.Elapsed.TotalSeconds:0} docs/s");
        using var store = LedgerStore.Open(Path.Combine(dir, "p.db"));
        clock.Restart();
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        for (int i = 0; i < results.Count; i += 512)
        {
            store.Ingest(results.GetRange(i, Math.Min(512, results.Count - i)));
            if ((i / 512) % 10 == 9) Console.WriteLine($"{i + 512,7} {(i + 512) / clock.Elapsed.TotalSeconds:0} docs/s");
        }
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        Console.WriteLine($"store {results.Count / clock.Elapsed.TotalSeconds:0} docs/s; cpu {cpu.TotalMilliseconds * 1000 / results.Count:0} us/doc");
        if (Environment.GetEnvironmentVariable("TALLY_KEEP") is null) Directory.Delete(dir, true); else Console.WriteLine(dir);
    }
}
