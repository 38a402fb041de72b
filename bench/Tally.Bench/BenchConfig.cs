using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Tally.Bench;

public static class BenchConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddColumn(new ThroughputColumn("MB/s", b => Corpus.Bytes(b) / 1e6), new ThroughputColumn("docs/s", b => Corpus.Documents(b)))
        // One core: extraction of a batch is single-threaded by design; the machine's other core stays free.
        // Workstation GC: one core, one thread (the tally program's server GC is for its two-thread ingest and its web server).
        .AddJob(Job.Default.WithAffinity((IntPtr)1).WithGcServer(false).WithId("1core"))
        .WithOptions(ConfigOptions.DisableOptimizationsValidator);
}

/// <summary>Units of work per second, from the mean time of one operation.</summary>
public sealed class ThroughputColumn(string name, Func<BenchmarkCase, double> unitsPerOp) : IColumn
{
    public string Id => "Throughput-" + name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => $"{name} processed per second (one operation processes the whole corpus)";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats) return "-";
        double seconds = stats.Mean / 1e9;
        return (unitsPerOp(benchmarkCase) / seconds).ToString("N1");
    }
}
