using System.Text;

namespace Tally.Tests;

/// <summary>
/// Example tables: one TSV file per language and dimension under Examples/&lt;lang&gt;/&lt;dimension&gt;.tsv.
/// The first non-comment line names the columns; each further line is one example, input first.
/// These tables are the extraction rules in executable form.
/// </summary>
public static class ExampleTables
{
    public sealed record Row(string Language, string Dimension, int Line, IReadOnlyDictionary<string, string> Fields)
    {
        public string this[string column] => Fields.TryGetValue(column, out var v) ? v : "";
        public override string ToString() => $"{Language}/{Dimension}.tsv:{Line}: {this["text"]}";
    }

    public static string Root => Path.Combine(AppContext.BaseDirectory, "Examples");

    public static IEnumerable<Row> Load(string dimension)
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (var dir in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            var lang = Path.GetFileName(dir);
            // TALLY_PENDING=1 runs the rows kept aside in <dimension>.pending.tsv (what the engine gets wrong today).
            var file = Path.Combine(dir, dimension + (Environment.GetEnvironmentVariable("TALLY_PENDING") == "1" ? ".pending" : "") + ".tsv");
            if (!File.Exists(file)) continue;
            string[]? header = null;
            int n = 0;
            foreach (var line in File.ReadLines(file, Encoding.UTF8))
            {
                n++;
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var cells = line.Split('\t');
                if (header is null) { header = cells.Select(c => c.Trim()).ToArray(); continue; }
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                for (int i = 0; i < header.Length; i++) fields[header[i]] = i < cells.Length ? cells[i].Trim() : "";
                yield return new Row(lang, dimension, n, fields);
            }
        }
    }

    public static TheoryData<Row> Theory(string dimension)
    {
        var data = new TheoryData<Row>();
        foreach (var r in Load(dimension)) data.Add(r);
        return data;
    }
}
