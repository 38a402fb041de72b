using BenchmarkDotNet.Attributes;
using Tally.Documents;
using Tally.Extraction;

namespace Tally.Bench;

/// <summary>Throughput of extraction (analysis, every stage, merging) over the corpus, on one core.</summary>
[MemoryDiagnoser]
public class ExtractBenchmark
{
    private List<Document> _docs = null!;
    private ClaimExtractor _extractor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _docs = Corpus.Documents();
        _extractor = new Pipeline().Extractor;
        // Warm the language packs and the gazetteer outside the measurement.
        _extractor.Extract(_docs[0]);
    }

    [Benchmark(Description = "extract: corpus of dev documents")]
    public int Extract()
    {
        int claims = 0;
        foreach (var d in _docs) claims += _extractor.Extract(d).Claims.Count;
        return claims;
    }
}
