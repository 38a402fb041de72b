using BenchmarkDotNet.Running;
using Tally.Documents;

namespace Tally.Bench;

/// <summary>
/// The benchmark corpus: the dev documents (../shared/eval/dev/docs, else examples/) prepared once, repeated until
/// the text reaches the target size (20 MB by default; TALLY_BENCH_MB overrides).
/// </summary>
public static class Corpus
{
    private static readonly Lazy<List<Document>> Docs = new(Build);

    public static List<Document> Documents() => Docs.Value;
    public static double Bytes(BenchmarkCase _) => Docs.Value.Sum(d => (double)System.Text.Encoding.UTF8.GetByteCount(d.Text));
    public static double Documents(BenchmarkCase _) => Docs.Value.Count;

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

    private static List<Document> Build()
    {
        double targetMb = double.TryParse(Environment.GetEnvironmentVariable("TALLY_BENCH_MB"), out var mb) ? mb : 20;
        var pipeline = new Pipeline();
        var baseDocs = new List<Document>();
        foreach (var src in pipeline.Reader.Read(SourceFolder(), _ => { }))
            if (pipeline.TryPrepare(src, out var d, out _)) baseDocs.Add(d!);
        if (baseDocs.Count == 0) throw new InvalidOperationException("no benchmark documents in " + SourceFolder());
        var docs = new List<Document>();
        long bytes = 0;
        for (int i = 0; bytes < targetMb * 1e6; i++)
        {
            var d = baseDocs[i % baseDocs.Count] with { Id = $"{baseDocs[i % baseDocs.Count].Id}-{i}" };
            docs.Add(d);
            bytes += System.Text.Encoding.UTF8.GetByteCount(d.Text);
        }
        return docs;
    }
}
