using System.Text.RegularExpressions;
using Tally.Documents;
using Tally.Extraction;
using Tally.Tests.Cli;

namespace Tally.Tests.Reliability;

/// <summary>
/// Every input afl-fuzz found to break Tally (scripts/fuzz), kept as a file in Fixtures/fuzz/&lt;target&gt;/:
/// reader/NAME.EXT is a file read as `tally extract FILE` reads it; extract/NAME.LANG.txt a text extracted in that
/// language. Each must give documents with claims, or error lines naming it, and never an exception, whether one that
/// escapes or one a catch-all turned into an error line ("extraction failed: IndexOutOfRangeException: ...").
/// Findings whose fix belongs to a part another change is fixing are listed in <see cref="Open"/> and skipped with
/// the reason until it lands; the test then runs as it is.
/// </summary>
public sealed partial class FuzzRegressionTests
{
    /// <summary>Findings not yet fixed, by fixture ("target/file"), with where the bug is.</summary>
    private static readonly Dictionary<string, string> Open = new(StringComparer.Ordinal);

    private static readonly DateTimeOffset Published = new(2024, 5, 17, 0, 0, 0, TimeSpan.Zero);

    private static string Folder(string target) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz", target);

    private static IEnumerable<string> Names(string target) =>
        Directory.Exists(Folder(target))
            ? Directory.EnumerateFiles(Folder(target)).Select(Path.GetFileName).Where(n => n != "README.md").Order(StringComparer.Ordinal)!
            : [];

    /// <summary>Every fixture of both targets (one theory, so that a target without findings yet leaves it non-empty).</summary>
    public static TheoryData<string, string> Inputs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var target in new[] { "reader", "extract" })
                foreach (var name in Names(target)) data.Add(target, name);
            return data;
        }
    }

    /// <summary>The language of an extract fixture: NAME.LANG.txt.</summary>
    private static string LanguageOf(string name) => name.Split('.')[^2];

    [SkippableTheory, MemberData(nameof(Inputs))]
    public void A_fuzzed_input_gives_claims_or_error_lines_naming_it(string target, string name)
    {
        Skip.If(Open.TryGetValue($"{target}/{name}", out var why), why);
        if (target == "reader") ReadFile(name);
        else ExtractText(name);
    }

    /// <summary>A reader finding: the file through Pipeline.Run, as `tally extract FILE` reads it.</summary>
    private static void ReadFile(string name)
    {
        var path = Path.Combine(Folder("reader"), name);
        var pipeline = new Pipeline(new PipelineOptions { Read = new ReadOptions { Published = Published } });
        var errors = new List<ReadError>();
        var results = pipeline.Run([path], errors.Add).ToList();
        AssertSound(results, errors, path);
        Assert.True(results.Count > 0 || errors.Exists(e => !e.IsWarning), "neither a document nor an error line");
    }

    /// <summary>An extraction finding: the text in its language through Pipeline.Process.</summary>
    private static void ExtractText(string name)
    {
        var path = Path.Combine(Folder("extract"), name);
        var lang = LanguageOf(name);
        var pipeline = new Pipeline(new PipelineOptions { Language = new LanguageChoice(lang) });
        var src = new SourceDocument { Id = name, Origin = path, Body = File.ReadAllText(path), Published = Published };
        var errors = new List<ReadError>();
        var result = pipeline.Process(src, errors.Add);
        AssertSound(result is null ? [] : [result], errors, path);
        Assert.True(result is not null || errors.Count > 0, "neither claims nor an error line");
    }

    /// <summary>
    /// The program over every fuzz input of both targets not listed as open, in one batch per language: it ends
    /// normally, every error line names its input, and no input stops the others from being read.
    /// </summary>
    [SkippableFact]
    public void The_program_reads_every_fuzzed_input_in_one_batch()
    {
        var batches = Names("reader").Where(n => !Open.ContainsKey("reader/" + n)).Select(n => (Lang: "auto", Path: Path.Combine(Folder("reader"), n)))
            .Concat(Names("extract").Where(n => !Open.ContainsKey("extract/" + n)).Select(n => (Lang: LanguageOf(n), Path: Path.Combine(Folder("extract"), n))))
            .GroupBy(x => x.Lang);
        int inputs = 0;
        foreach (var batch in batches)
        {
            var paths = batch.Select(x => x.Path).ToList();
            inputs += paths.Count;
            var r = CliRunner.Run(["extract", .. paths, "--lang", batch.Key, "--published", "2024-05-17"]);
            Assert.DoesNotContain("Unhandled exception", r.Stderr);
            Assert.True(r.ExitCode is 0 or 2, $"exit code {r.ExitCode}: {r.Stderr}");
            foreach (var line in r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.StartsWith("tally: ", line);
                Assert.False(IsMaskedBug(line), "an internal failure reported as an error line: " + line);
                Assert.Contains(paths, p => line.Contains(p, StringComparison.Ordinal));
            }
            // Every input is accounted for: a document in the output (its id is the file's stem) or an error line.
            var ids = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("document").GetProperty("id").GetString()!).ToList();
            foreach (var p in paths)
            {
                var stem = Path.GetFileNameWithoutExtension(p);
                Assert.True(ids.Exists(id => id == stem || id.StartsWith(stem + "-", StringComparison.Ordinal)) || r.Stderr.Contains(p, StringComparison.Ordinal),
                    $"{p}: neither a document nor an error line");
            }
        }
        Skip.If(inputs == 0, "no fuzz inputs that are fixed yet");
    }

    private static void AssertSound(List<ExtractionResult> results, List<ReadError> errors, string path)
    {
        foreach (var e in errors)
        {
            Assert.False(IsMaskedBug(e.Reason), $"an internal failure reported as an error line: {e}");
            Assert.StartsWith(path, e.Origin);
        }
        foreach (var r in results)
        {
            var text = r.Document.Text;
            foreach (var c in r.Claims)
            {
                Assert.InRange(c.Evidence.Start, 0, text.Length);
                Assert.InRange(c.Evidence.End, c.Evidence.Start, text.Length);
                Assert.Equal(text[c.Evidence.Start..c.Evidence.End], c.Evidence.Sentence);
                Assert.Contains(c.Count.Text, text);
            }
        }
    }

    /// <summary>
    /// An error line that reports an exception no input should cause: Pipeline's catch-alls ("extraction failed",
    /// "cannot prepare the text") or a programming error's type in a reader's catch-all. (The fuzz harness,
    /// tools/Tally.Fuzz, counts the same lines as findings.)
    /// </summary>
    private static bool IsMaskedBug(string reason) =>
        reason.Contains("extraction failed:", StringComparison.Ordinal)
        || reason.Contains("cannot prepare the text:", StringComparison.Ordinal)
        || BugException().IsMatch(reason);

    [GeneratedRegex(@"\b(NullReference|IndexOutOfRange|ArgumentOutOfRange|ArgumentNull|Argument|InvalidOperation|InvalidCast|KeyNotFound|DivideByZero|Overflow|NotSupported|NotImplemented|Format|Arithmetic|RegexMatchTimeout)Exception\b")]
    private static partial Regex BugException();
}
