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
            if (optional) yield break;
            throw new FileNotFoundException($"data file '{path}' is not embedded in the library");
        }
        using var s = Assembly.GetManifestResourceStream(Normalize(path))!;
        using var r = new StreamReader(s);
        int lineNo = 0;
        string? line;
        while ((line = r.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#' || string.IsNullOrWhiteSpace(line)) continue;
            yield return new Row(path, lineNo, line.Split('\t'));
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
