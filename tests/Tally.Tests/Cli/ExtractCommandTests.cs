using System.Text.Json;

namespace Tally.Tests.Cli;

/// <summary>`tally extract` through the real program: inputs, output shape, bad input, exit codes.</summary>
public class ExtractCommandTests
{
    private const string Article = "Sekitar 600 tentara dilaporkan gugur dalam pertempuran di perbatasan, sementara 1.200 lainnya terluka.";

    private static List<JsonElement> Lines(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public void Reads_text_newsplease_json_jsonl_and_folders_recursively()
    {
        using var d = new TempDir();
        d.File("a.txt", Article);
        d.File("sub/b.json", JsonSerializer.Serialize(new { id = "b-1", url = "https://example.org/b", title = "Judul", maintext = Article, date_publish = "2025-04-30 00:00:00", language = "id" }));
        d.File("sub/deeper/c.jsonl", JsonSerializer.Serialize(new { maintext = Article, language = "id" }) + "\n" + JsonSerializer.Serialize(new { maintext = "About 50 people were killed in the attack.", language = "en" }) + "\n");
        var r = CliRunner.Run(["extract", d.Path]);
        Assert.Equal(0, r.ExitCode);
        var docs = Lines(r.Stdout);
        Assert.Equal(4, docs.Count);
        var ids = docs.Select(x => x.GetProperty("document").GetProperty("id").GetString()).ToList();
        Assert.Equal(["a", "b-1", "c-1", "c-2"], ids);
        var b = docs[1].GetProperty("document");
        Assert.Equal("https://example.org/b", b.GetProperty("url").GetString());
        Assert.Equal("Judul", b.GetProperty("title").GetString());
        Assert.Equal("2025-04-30", b.GetProperty("published").GetString());
        Assert.Equal("Judul\n\n" + Article, b.GetProperty("text").GetString());
        // Offsets index document.text.
        foreach (var doc in docs)
        {
            var text = doc.GetProperty("document").GetProperty("text").GetString()!;
            foreach (var c in doc.GetProperty("claims").EnumerateArray())
            {
                var ev = c.GetProperty("evidence");
                Assert.Equal(ev.GetProperty("sentence").GetString(), text[ev.GetProperty("start").GetInt32()..ev.GetProperty("end").GetInt32()]);
            }
        }
        Assert.Equal("en", docs[3].GetProperty("document").GetProperty("language").GetString());
        var claim = docs[0].GetProperty("claims")[0];
        Assert.Equal("killed", claim.GetProperty("category").GetString());
        Assert.Equal(600, claim.GetProperty("count").GetProperty("low").GetInt64());
        Assert.True(claim.GetProperty("count").GetProperty("approximate").GetBoolean());
        Assert.Equal("reported", claim.GetProperty("certainty").GetString());
    }

    [Fact]
    public void Reads_standard_input_and_writes_a_json_array_to_a_file()
    {
        using var d = new TempDir();
        var outFile = Path.Combine(d.Path, "out.json");
        var r = CliRunner.Run(["extract", "-", "--lang", "id", "--format", "json", "--out", outFile, "--published", "2025-01-02"], stdin: Article);
        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(File.ReadAllText(outFile));
        Assert.Equal(JsonValueKind.Array, json.RootElement.ValueKind);
        var doc = json.RootElement[0].GetProperty("document");
        Assert.Equal("stdin", doc.GetProperty("id").GetString());
        Assert.Equal("2025-01-02", doc.GetProperty("published").GetString());
        Assert.Equal(2, json.RootElement[0].GetProperty("claims").GetArrayLength());
    }

    [Fact]
    public void Bad_input_gives_one_line_per_file_and_the_batch_goes_on()
    {
        using var d = new TempDir();
        d.File("01-good.txt", Article);
        d.File("02-empty.txt", "");
        d.Bytes("03-binary.txt", [0x7F, 0x45, 0x4C, 0x46, 0, 0, 0, 1, 2, 3, 0, 0]);
        d.File("04-lines.jsonl", "{\"maintext\": \"" + Article + "\", \"language\": \"id\"}\n{not json\n");
        var big = Path.Combine(d.Path, "05-big.txt");
        using (var f = File.Create(big)) f.SetLength(50L * 1024 * 1024);
        File.CreateSymbolicLink(Path.Combine(d.Path, "06-unreadable.txt"), Path.Combine(d.Path, "no-such-target.txt"));
        d.File("07-good.json", JsonSerializer.Serialize(new { maintext = Article, language = "id" }));

        var r = CliRunner.Run(["extract", d.Path]);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(3, Lines(r.Stdout).Count);
        var errors = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(errors, e => e.Contains("02-empty.txt") && e.Contains("empty"));
        Assert.Contains(errors, e => e.Contains("03-binary.txt") && e.Contains("binary"));
        Assert.Contains(errors, e => e.Contains("04-lines.jsonl:2") && e.Contains("not valid JSON"));
        Assert.Contains(errors, e => e.Contains("05-big.txt") && e.Contains("limit"));
        Assert.Contains(errors, e => e.Contains("06-unreadable.txt") && e.Contains("cannot read"));
        Assert.Equal(5, errors.Length);
    }

    [Fact]
    public void Exit_code_is_2_when_no_document_could_be_processed()
    {
        using var d = new TempDir();
        d.File("empty.txt", "");
        var r = CliRunner.Run(["extract", d.Path]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("empty.txt", r.Stderr);
        Assert.Equal("", r.Stdout.Trim());
        var missing = CliRunner.Run(["extract", Path.Combine(d.Path, "nope.txt")]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no such file", missing.Stderr);
    }

    [Fact]
    public void The_bundled_example_yields_its_claims()
    {
        var examples = Path.Combine(RepoPaths.Root, "examples");
        var r = CliRunner.Run(["extract", examples]);
        Assert.Equal(0, r.ExitCode);
        var doc = Lines(r.Stdout).Single();
        var cats = doc.GetProperty("claims").EnumerateArray().Select(c => c.GetProperty("category").GetString()).ToList();
        Assert.Contains("killed", cats);
        Assert.Contains("displaced", cats);
        // The "Baca juga" link at the end is page clutter.
        Assert.DoesNotContain("Baca juga", doc.GetProperty("document").GetProperty("text").GetString());
    }
}
