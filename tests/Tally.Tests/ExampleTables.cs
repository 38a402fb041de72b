using System.Text;
using Xunit.Abstractions;

namespace Tally.Tests;

/// <summary>
/// Example tables: one TSV file per language and dimension under Examples/&lt;lang&gt;/&lt;dimension&gt;.tsv.
/// The first non-comment line names the columns; each further line is one example, input first.
/// These tables are the extraction rules in executable form.
/// </summary>
/// <remarks>
/// A table's header must name exactly the columns its test reads (<see cref="Schema"/>), in that order, and a test that
/// reads a column its schema does not declare throws: a misspelt column name, in a header or in test code, can no
/// longer read as "" and switch its check off without a word. A row with more cells than the header is refused too;
/// a row with fewer reads the missing trailing cells as "".
/// </remarks>
public static class ExampleTables
{
    /// <summary>The columns a dimension's test reads, in header order.</summary>
    public sealed record Schema(string Dimension, params string[] Columns);

    /// <summary>A table is broken (header, cell count or a column the test reads): not an extraction failure.</summary>
    public sealed class TableException(string message) : Exception(message);

    /// <summary>
    /// One example. Serializable for xunit so that every row is its own test case, named
    /// "&lt;lang&gt;/&lt;dimension&gt;.tsv:&lt;line&gt;: &lt;text&gt;" and runnable alone with
    /// <c>--filter "DisplayName~id/categories.tsv:42:"</c>.
    /// </summary>
    public sealed class Row : IXunitSerializable
    {
        private string[] _columns = [];
        private string[] _cells = [];

        public string Language { get; private set; } = "";
        public string Dimension { get; private set; } = "";
        public int Line { get; private set; }
        /// <summary>The row comes from &lt;dimension&gt;.pending.tsv.</summary>
        public bool Pending { get; private set; }
        /// <summary>The comment block above the row (or above the rows before it, with no blank line between); "" for none.</summary>
        public string Note { get; private set; } = "";

        /// <summary>For xunit's deserializer only.</summary>
        public Row() { }

        public Row(string language, string dimension, int line, bool pending, string[] columns, string[] cells, string note)
        {
            Language = language; Dimension = dimension; Line = line; Pending = pending; _columns = columns; _cells = cells; Note = note;
        }

        /// <summary>The table the row is in, relative to Examples/: "id/categories.tsv".</summary>
        public string File => $"{Language}/{Dimension}{(Pending ? ".pending" : "")}.tsv";

        /// <summary>The cell of <paramref name="column"/>; throws for a column the table's schema does not have.</summary>
        public string this[string column]
        {
            get
            {
                var i = Array.IndexOf(_columns, column);
                if (i < 0) throw new TableException($"{File}:{Line}: the test reads column '{column}', which {Dimension} tables do not have (columns: {string.Join(", ", _columns)})");
                return i < _cells.Length ? _cells[i] : "";
            }
        }

        public override string ToString()
        {
            var text = this["text"];
            return $"{File}:{Line}: {(text.Length <= 70 ? text : text[..69] + "…")}";
        }

        public void Serialize(IXunitSerializationInfo info)
        {
            info.AddValue("language", Language);
            info.AddValue("dimension", Dimension);
            info.AddValue("line", Line);
            info.AddValue("pending", Pending);
            info.AddValue("columns", string.Join('\t', _columns));
            info.AddValue("cells", string.Join('\t', _cells));
            info.AddValue("note", Note);
        }

        public void Deserialize(IXunitSerializationInfo info)
        {
            Language = info.GetValue<string>("language");
            Dimension = info.GetValue<string>("dimension");
            Line = info.GetValue<int>("line");
            Pending = info.GetValue<bool>("pending");
            _columns = info.GetValue<string>("columns").Split('\t');
            _cells = info.GetValue<string>("cells").Split('\t');
            Note = info.GetValue<string>("note");
        }
    }

    public static string Root => Path.Combine(AppContext.BaseDirectory, "Examples");

    /// <summary>TALLY_PENDING=1 runs the rows kept aside in &lt;dimension&gt;.pending.tsv (what the engine gets wrong today) instead.</summary>
    public static bool PendingInstead => Environment.GetEnvironmentVariable("TALLY_PENDING") == "1";

    /// <summary>The rows of every language's table for <paramref name="schema"/>; throws for a header that differs from the schema.</summary>
    public static IEnumerable<Row> Load(Schema schema, bool pending = false)
    {
        if (!Directory.Exists(Root)) throw new TableException($"no example tables at {Root}");
        foreach (var dir in Directory.GetDirectories(Root).Order(StringComparer.Ordinal))
        {
            var lang = Path.GetFileName(dir);
            var file = Path.Combine(dir, schema.Dimension + (pending ? ".pending" : "") + ".tsv");
            if (!File.Exists(file)) continue;
            var name = $"{lang}/{Path.GetFileName(file)}";
            string[]? header = null;
            var note = new List<string>();
            bool noteEnded = false;
            int n = 0;
            foreach (var line in File.ReadLines(file, Encoding.UTF8))
            {
                n++;
                if (line.Trim().Length == 0) { note.Clear(); continue; }
                if (line.StartsWith('#'))
                {
                    if (noteEnded) { note.Clear(); noteEnded = false; }
                    note.Add(line[1..].Trim());
                    continue;
                }
                noteEnded = true;
                var cells = line.Split('\t').Select(c => c.Trim()).ToArray();
                if (header is null)
                {
                    header = cells;
                    if (!header.SequenceEqual(schema.Columns))
                        throw new TableException($"{name}:{n}: the header is '{string.Join(" ", header)}', but the {schema.Dimension} test reads '{string.Join(" ", schema.Columns)}'");
                    note.Clear();
                    continue;
                }
                if (cells.Length > header.Length)
                    throw new TableException($"{name}:{n}: {cells.Length} cells, but the header has {header.Length} columns");
                yield return new Row(lang, schema.Dimension, n, pending, header, cells, string.Join(" ", note));
            }
            if (header is null) throw new TableException($"{name}: no header line");
        }
    }

    public static TheoryData<Row> Theory(Schema schema, bool pending = false)
    {
        var data = new TheoryData<Row>();
        foreach (var r in Load(schema, pending)) data.Add(r);
        return data;
    }
}
