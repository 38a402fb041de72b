using System.Diagnostics;
using Tally.Extraction;
using Tally.Text;

namespace Tally.Bench;

/// <summary>
/// `-- stage-profile`: where extraction spends its time and allocations, stage by stage, over the corpus (a quick
/// look to guide optimisation; the BenchmarkDotNet figures are the measurement).
/// </summary>
public static class StageProfile
{
    public static void Run()
    {
        var docs = Corpus.Documents();
        var extractor = new Pipeline().Extractor;
        // The extractor's own step list: the profile measures exactly what extraction runs, in its order.
        var names = extractor.Steps.Select(s => s.Name).ToList();
        var ticks = new long[names.Count];
        var bytes = new long[names.Count];
        int rounds = int.TryParse(Environment.GetEnvironmentVariable("TALLY_PROFILE_ROUNDS"), out var r) ? r : 8;
        for (int round = 0; round < rounds; round++)
        {
            Array.Clear(ticks); Array.Clear(bytes);
            foreach (var d in docs)
            {
                var ctx = extractor.Begin(d);
                for (int i = 0; i < extractor.Steps.Count; i++)
                {
                    long t0 = Stopwatch.GetTimestamp(), b0 = GC.GetAllocatedBytesForCurrentThread();
                    ClaimExtractor.RunStep(extractor.Steps[i], ctx);
                    ticks[i] += Stopwatch.GetTimestamp() - t0;
                    bytes[i] += GC.GetAllocatedBytesForCurrentThread() - b0;
                }
            }
            Console.WriteLine($"round {round + 1}: {ticks.Sum() * 1000.0 / Stopwatch.Frequency:F0} ms");
        }
        double total = ticks.Sum();
        Console.WriteLine($"{"stage",-14} {"ms",8} {"share",6} {"MB alloc",9}");
        for (int i = 0; i < names.Count; i++)
            Console.WriteLine($"{names[i],-14} {ticks[i] * 1000.0 / Stopwatch.Frequency,8:F0} {ticks[i] / total,6:P0} {bytes[i] / 1e6,9:F0}");
        Console.WriteLine($"{"total",-14} {total * 1000.0 / Stopwatch.Frequency,8:F0}        {bytes.Sum() / 1e6,9:F0}");
    }
}

/// <summary>`-- geo-counts`: tokens, capitalised words, gazetteer hits and their allocation, documents without figures.</summary>
public static class GeoCounts
{
    public static void Run()
    {
        var docs = Corpus.Documents();
        var extractor = new Pipeline().Extractor;
        long alloc = 0; int noMentions = 0, noCandidates = 0, noLive = 0;
        long tokens = 0, words = 0, caps = 0, hits = 0, hyph = 0;
        foreach (var d in docs)
        {
            var ctx = extractor.Begin(d);
            ClaimExtractor.RunStep(extractor.Steps[0], ctx);
            var a = ctx.Text;
            foreach (var t in a.Tokens)
            {
                tokens++;
                if (t.Kind == TokenKind.Word) { words++; if (t.Is(TokenFlags.Capitalized)) caps++; if (t.Span(a.Text).Contains('-')) hyph++; }
            }
            long b0 = GC.GetAllocatedBytesForCurrentThread();
            var found = Tally.Gazetteer.Gazetteer.Default.Find(a);
            long b = GC.GetAllocatedBytesForCurrentThread() - b0;
            hits += found.Length;
            // The steps up to and including "people", as extraction runs them.
            foreach (var step in extractor.Steps.Skip(1))
            {
                ClaimExtractor.RunStep(step, ctx);
                if (step.Name == "people") break;
            }
            if (ctx.Mentions.Count == 0) noMentions++;
            if (ctx.Candidates.Count == 0) noCandidates++;
            if (!ctx.HasLiveCandidates) noLive++;
            alloc += b;
        }
        Console.WriteLine($"alloc {alloc}; documents with no number {noMentions}, no candidate {noCandidates}, no live candidate {noLive}");
        Console.WriteLine($"tokens {tokens} words {words} capitalised {caps} hyphenated {hyph} hits {hits} docs {docs.Count}");
    }
}
