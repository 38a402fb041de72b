using BenchmarkDotNet.Running;
using Tally.Documents;

namespace Tally.Bench;

/// <summary>
/// The benchmark corpus: the dev documents (../shared/eval/dev/docs, else examples/) prepared once, repeated until
/// the text reaches the target size (20 MB by default; TALLY_BENCH_MB overrides).
/// </summary>
public static class Corpus
{
    private static readonly Lazy<(List<Document> Docs, List<SourceDocument> Sources)> Built = new(Build);
    public static List<Document> Documents() => Built.Value.Docs;

    /// <summary>The documents as read, before cleaning and language settling (one for each of <see cref="Documents()"/>).</summary>
    public static List<SourceDocument> Sources() => Built.Value.Sources;
    public static double Bytes(BenchmarkCase _) => Built.Value.Docs.Sum(d => (double)System.Text.Encoding.UTF8.GetByteCount(d.Text));
    public static double Documents(BenchmarkCase _) => Built.Value.Docs.Count;

    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tally.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    public static string SourceFolder()
    {
        var root = Root();
        var dev = Path.GetFullPath(Path.Combine(root, "..", "shared", "eval", "dev", "docs"));
        return Directory.Exists(dev) ? dev : Path.Combine(root, "examples");
    }

    private static (List<Document>, List<SourceDocument>) Build()
    {
        double targetMb = double.TryParse(Environment.GetEnvironmentVariable("TALLY_BENCH_MB"), out var mb) ? mb : 20;
        var pipeline = new Pipeline();
        var baseDocs = new List<Document>();
        var baseSources = new List<SourceDocument>();
        foreach (var src in pipeline.Reader.Read(SourceFolder(), _ => { }))
            if (pipeline.TryPrepare(src, out var d, out _)) { baseDocs.Add(d!); baseSources.Add(src); }
        if (baseDocs.Count == 0) throw new InvalidOperationException("no benchmark documents in " + SourceFolder());
        var docs = new List<Document>();
        var sources = new List<SourceDocument>();
        long bytes = 0;
        for (int i = 0; bytes < targetMb * 1e6; i++)
        {
            var d = baseDocs[i % baseDocs.Count] with { Id = $"{baseDocs[i % baseDocs.Count].Id}-{i}" };
            docs.Add(d);
            sources.Add(baseSources[i % baseDocs.Count]);
            bytes += System.Text.Encoding.UTF8.GetByteCount(d.Text);
        }
        return (docs, sources);
    }
}
