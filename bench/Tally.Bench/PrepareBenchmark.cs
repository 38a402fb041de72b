using BenchmarkDotNet.Attributes;
using Tally.Documents;

namespace Tally.Bench;

/// <summary>
/// Throughput of preparing documents as read (page clutter removed, the language settled: the quick function-word
/// check, Lingua where it does not confirm) over the same corpus as <see cref="ExtractBenchmark"/>, on one core.
/// </summary>
[MemoryDiagnoser]
public class PrepareBenchmark
{
    private List<SourceDocument> _sources = null!;
    private Pipeline _pipeline = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sources = Corpus.Sources();
        _pipeline = new Pipeline();
        _pipeline.TryPrepare(_sources[0], out _, out _);
    }

    [Benchmark(Description = "prepare: clean and settle the language of the corpus")]
    public int Prepare()
    {
        int chars = 0;
        foreach (var s in _sources)
            if (_pipeline.TryPrepare(s, out var d, out _)) chars += d!.Text.Length;
        return chars;
    }
}
