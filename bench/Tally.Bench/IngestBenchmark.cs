using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tally.Ledger;
using Tally.Testing;

namespace Tally.Bench;

/// <summary>
/// Ingest throughput into SQLite on generated documents (the dev documents varied: numbers, places, dates, URLs;
/// TALLY_BENCH_DOCS sets how many, 100,000 by default). One operation ingests them all into a fresh database.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1, id: "ingest")]
public class IngestBenchmark
{
    private string _dir = "";
    private string _input = "";

    public static int Count => int.TryParse(Environment.GetEnvironmentVariable("TALLY_BENCH_DOCS"), out var n) ? n : 100_000;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "tally-bench-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_dir);
        _input = Path.Combine(_dir, "docs.jsonl");
        SyntheticNews.WriteJsonLines(_input, SyntheticNews.Generate(BaseArticles(), Count));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }

    [Benchmark(Description = "ingest: generated documents into a new SQLite ledger")]
    public IngestSummary Ingest() => IngestOnce(_input, Path.Combine(_dir, $"t-{Guid.NewGuid():N}.db"), null);

    public static IngestSummary IngestOnce(string input, string db, IProgress<IngestProgress>? progress)
    {
        using var store = LedgerStore.Open(db);
        var pipeline = new Pipeline(new PipelineOptions());
        return new Ingestor(pipeline, store, 512).Run([input], _ => { }, progress);
    }

    /// <summary>The dev documents (their text and language), else the articles written for the tests.</summary>
    public static IReadOnlyList<(string Text, string Language)> BaseArticles()
    {
        var folder = Corpus.SourceFolder();
        var pipeline = new Pipeline();
        var list = new List<(string, string)>();
        foreach (var src in pipeline.Reader.Read(folder, _ => { }))
            if (pipeline.TryPrepare(src, out var d, out _)) list.Add((d!.Text, d.Language));
        return list.Count > 0 && folder.Contains("shared") ? list : SyntheticNews.OwnBase;
    }

    /// <summary>
    /// `dotnet run -c Release --project bench/Tally.Bench -- ingest-profile`: one ingest with documents/s and the
    /// process's working set every 10,000 documents, to show that memory stays flat as the database grows.
    /// </summary>
    public static void Profile()
    {
        var b = new IngestBenchmark();
        b.Setup();
        try
        {
            var db = Path.Combine(b._dir, "profile.db");
            var clock = Stopwatch.StartNew();
            int nextMark = 10_000;
            var summary = IngestOnce(b._input, db, new Progress(p =>
            {
                if (p.Done < nextMark) return;
                nextMark += 10_000;
                using var proc = Process.GetCurrentProcess();
                Console.WriteLine($"{p.Done,8} docs  {p.DocumentsPerSecond,8:0} docs/s  working set {proc.WorkingSet64 / (1024 * 1024),5} MB  db {new FileInfo(db).Length / (1024 * 1024),5} MB");
            }));
            Console.WriteLine($"{summary}");
            Console.WriteLine($"total {clock.Elapsed.TotalSeconds:0.0} s, {summary.Read / clock.Elapsed.TotalSeconds:0} docs/s");
        }
        finally { b.Cleanup(); }
    }

    private sealed class Progress(Action<IngestProgress> f) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => f(value);
    }
}
