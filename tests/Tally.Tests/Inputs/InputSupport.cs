using System.Text.Json;
using Tally.Documents;

namespace Tally.Tests.Inputs;

/// <summary>Fixture paths and small helpers for the input tests.</summary>
public static class InputSupport
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "inputs", name);

    public static string FixtureText(string name) => File.ReadAllText(Fixture(name));

    /// <summary>The documents of a JSON Lines output.</summary>
    public static List<JsonElement> Docs(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public static string DocText(JsonElement doc) => doc.GetProperty("document").GetProperty("text").GetString()!;

    /// <summary>The claims of an output document as comparable rows.</summary>
    public static List<string> ClaimRows(JsonElement doc) => doc.GetProperty("claims").EnumerateArray()
        .Select(c =>
        {
            var n = c.GetProperty("count");
            var when = c.GetProperty("when") is { ValueKind: JsonValueKind.Object } w ? $"{w.GetProperty("start")}..{w.GetProperty("end")}" : "-";
            return $"{c.GetProperty("category")} {n.GetProperty("low")}-{n.GetProperty("high")}{(n.GetProperty("approximate").GetBoolean() ? "~" : "")} {c.GetProperty("certainty")} when={when}";
        })
        .Order(StringComparer.Ordinal).ToList();

    /// <summary>Every claim's evidence is the text at its offsets.</summary>
    public static void AssertOffsetsHonest(JsonElement doc)
    {
        var text = DocText(doc);
        foreach (var c in doc.GetProperty("claims").EnumerateArray())
        {
            var ev = c.GetProperty("evidence");
            Assert.Equal(ev.GetProperty("sentence").GetString(), text[ev.GetProperty("start").GetInt32()..ev.GetProperty("end").GetInt32()]);
        }
    }

    /// <summary>Reads one input with the library's reader, collecting errors.</summary>
    public static (List<SourceDocument> Docs, List<ReadError> Errors) Read(string path, ReadOptions? options = null)
    {
        var errors = new List<ReadError>();
        var docs = new DocumentReader(options ?? new ReadOptions()).Read(path, errors.Add).ToList();
        return (docs, errors);
    }

    /// <summary>Reads and prepares (cleans, settles the language) one input with the shared pipeline.</summary>
    public static (List<Document> Docs, List<ReadError> Errors) Prepare(string path, ReadOptions? options = null)
    {
        var (sources, errors) = Read(path, options);
        var docs = new List<Document>();
        foreach (var s in sources)
        {
            if (Run.Pipeline.TryPrepare(s, out var d, out var why)) docs.Add(d!);
            else errors.Add(new ReadError(s.Origin, why!));
        }
        return (docs, errors);
    }
}
