using System.Reflection;

namespace Tally.Languages;

/// <summary>
/// Reads the tab-separated data files embedded in the library (data/**): '#' starts a comment line,
/// blank lines are skipped, fields are separated by tabs. Nothing is read from disk at run time.
/// </summary>
public static class DataFiles
{
    private static readonly Assembly Assembly = typeof(DataFiles).Assembly;

    public static bool Exists(string path) => Assembly.GetManifestResourceInfo(Normalize(path)) is not null;

    public static IEnumerable<string> List(string prefix)
    {
        var p = Normalize(prefix);
        foreach (var name in Assembly.GetManifestResourceNames())
            if (name.StartsWith(p, StringComparison.Ordinal)) yield return name;
    }

    public static string ReadAllText(string path)
    {
        using var s = Assembly.GetManifestResourceStream(Normalize(path))
            ?? throw new FileNotFoundException($"data file '{path}' is not embedded in the library");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    /// <summary>Rows of a TSV data file; a missing optional file gives no rows.</summary>
    public static IEnumerable<Row> Rows(string path, bool optional = false)
    {
        if (!Exists(path))
        {
            if (optional) return [];
            throw new FileNotFoundException($"data file '{path}' is not embedded in the library");
        }
        return Parse(path, () => new StreamReader(Assembly.GetManifestResourceStream(Normalize(path))!));
    }

    /// <summary>Rows of TSV text read by <paramref name="open"/>, named <paramref name="path"/> in errors.</summary>
    public static IEnumerable<Row> Parse(string path, Func<TextReader> open)
    {
        using var r = open();
        int lineNo = 0;
        string? line;
        while ((line = r.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#' || string.IsNullOrWhiteSpace(line)) continue;
            yield return new Row(path, lineNo, line.Split('\t'));
        }
    }

    /// <summary>
    /// Where a loader reads data files: the files embedded in the library (<see cref="Embedded"/>, what Tally runs on), or
    /// a folder on disk laid out the same way (data/lang/&lt;code&gt;/...) — for checking a language pack while it is written,
    /// and for tests of the loaders.
    /// </summary>
    public abstract class Source
    {
        public static Source Embedded { get; } = new EmbeddedSource();
        public static Source Folder(string root) => new FolderSource(root);

        public abstract bool Exists(string path);
        public abstract IEnumerable<Row> Rows(string path, bool optional = false);
    }

    private sealed class EmbeddedSource : Source
    {
        public override bool Exists(string path) => DataFiles.Exists(path);
        public override IEnumerable<Row> Rows(string path, bool optional = false) => DataFiles.Rows(path, optional);
    }

    private sealed class FolderSource(string root) : Source
    {
        private string Full(string path) => System.IO.Path.Combine(root, Normalize(path));
        public override bool Exists(string path) => File.Exists(Full(path));
        public override IEnumerable<Row> Rows(string path, bool optional = false)
        {
            if (!Exists(path))
            {
                if (optional) return [];
                throw new FileNotFoundException($"data file '{path}' is not in {root}");
            }
            return Parse(path, () => new StreamReader(Full(path)));
        }
    }

    private static string Normalize(string path) => path.Replace('\\', '/');

    public readonly record struct Row(string File, int Line, string[] Fields)
    {
        public string this[int i] => i < Fields.Length ? Fields[i].Trim() : "";
        public int Count => Fields.Length;

        public InvalidDataException Error(string why) => new($"{File}:{Line}: {why}");

        public double Double(int i) => double.TryParse(this[i], System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : throw Error($"field {i + 1} '{this[i]}' is not a number");

        public long Long(int i) => long.TryParse(this[i], System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : throw Error($"field {i + 1} '{this[i]}' is not an integer");

        public double? OptDouble(int i) => this[i].Length == 0 ? null : Double(i);
        public string? Opt(int i) => this[i].Length == 0 ? null : this[i];
    }
}
