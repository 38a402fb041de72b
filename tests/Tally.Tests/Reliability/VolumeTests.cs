using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Tally.Documents;
using Tally.Extraction;
using Tally.Languages;
using Tally.Tests.Cli;
using Tally.Text;

namespace Tally.Tests.Reliability;

/// <summary>
/// Volume and time: a document of many figures, a text without sentence stops, a page of many elements. Growth is
/// checked by comparing sizes four times apart against a bound well under the square (16), never by absolute times.
/// </summary>
public class VolumeTests
{
    private static readonly string[] Phrases =
        ["orang tewas di Cianjur dan", "warga luka-luka di Garut dan", "orang hilang di Sumedang yang", "pengungsi di Tasikmalaya dan"];

    /// <summary>Figures written one after another with no sentence stop anywhere.</summary>
    private static string FiguresWithoutStops(int n)
    {
        var sb = new StringBuilder("Longsor di Jawa Barat\n");
        for (int i = 0; i < n; i++) sb.Append(17 + i * 7 % 4000).Append(' ').Append(Phrases[i % Phrases.Length]).Append(' ');
        return sb.Append('\n').ToString();
    }

    /// <summary>Figures in ordinary sentences, all in one paragraph.</summary>
    private static string FiguresInSentences(int n)
    {
        var sb = new StringBuilder("Longsor di Jawa Barat\n");
        for (int i = 0; i < n; i++) sb.Append("Sebanyak ").Append(11 + i * 13 % 9000).Append(' ').Append(Phrases[i % Phrases.Length]).Append(" sekitarnya. ");
        return sb.Append('\n').ToString();
    }

    [Fact]
    public void A_text_of_figures_without_stops_gives_bounded_evidence_and_at_most_the_claim_cap()
    {
        using var dir = new TempDir();
        var path = dir.File("tabel.txt", FiguresWithoutStops(1600));
        var r = CliRunner.Run(["extract", path, "--lang", "id"]);
        Assert.Equal(0, r.ExitCode);
        var line = Assert.Single(r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var claims = json.RootElement.GetProperty("claims").EnumerateArray().ToList();
        Assert.Equal(ClaimExtractor.MaxClaims, claims.Count);
        // Every claim carries a sentence of its own size, not the whole text (was: 1,500 copies of it).
        Assert.All(claims, c => Assert.InRange(c.GetProperty("evidence").GetProperty("sentence").GetString()!.Length, 1, TextAnalyzer.MaxSentenceChars));
        Assert.True(r.Stdout.Length < 4_000_000, $"output of {r.Stdout.Length} characters");
        // One warning line naming the document; a warning does not make the run fail.
        var warning = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("claims in one document"));
        Assert.Contains("tabel.txt", warning);
        Assert.Contains($"only the first {ClaimExtractor.MaxClaims} are kept", warning);
    }

    [Fact]
    public void An_overlong_sentence_is_cut_at_a_clause_mark_and_every_piece_is_within_the_cap()
    {
        var pack = LanguageRegistry.Default.Get("id");
        // 40 clauses of about 60 characters joined by commas, then a run of words with no mark at all.
        var clauses = string.Join(", ", Enumerable.Range(0, 40).Select(i => $"sebanyak {i + 3} warga mengungsi ke balai desa nomor {i}"));
        var run = string.Join(' ', Enumerable.Repeat("warga", 600));
        var text = clauses + " " + run + ".";
        var a = TextAnalyzer.Analyze(text, pack);
        Assert.True(a.Sentences.Length > 2);
        Assert.All(a.Sentences, s => Assert.InRange(s.End - s.Start, 1, TextAnalyzer.MaxSentenceChars));
        // The pieces tile the text: no token lost or repeated.
        for (int i = 1; i < a.Sentences.Length; i++) Assert.Equal(a.Sentences[i - 1].EndToken, a.Sentences[i].FirstToken);
        Assert.Equal(a.Tokens.Length, a.Sentences[^1].EndToken);
        // The clause part is cut after commas, in the second half of the cap, not mid-clause.
        var first = text[a.Sentences[0].Start..a.Sentences[0].End];
        Assert.EndsWith(",", first);
        Assert.True(first.Length > TextAnalyzer.MaxSentenceChars / 2);
    }

    [Fact]
    public void Extraction_time_grows_linearly_with_the_number_of_figures()
    {
        var pipeline = new Pipeline(new PipelineOptions { Language = new LanguageChoice("id") });
        double Seconds(string text)
        {
            var src = new SourceDocument { Id = "n", Origin = "n", Body = text };
            var best = double.MaxValue;
            for (int k = 0; k < 3; k++)
            {
                var sw = Stopwatch.StartNew();
                var r = pipeline.Process(src, e => { });
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
                Assert.NotNull(r);
            }
            return best;
        }
        Seconds(FiguresInSentences(200)); // warm up
        // Was: 12,500 / 25,000 / 50,000 figures in 3.8 / 10.3 / 44.9 s (merging, certainty and party compared all pairs).
        double small = Seconds(FiguresInSentences(1500)), large = Seconds(FiguresInSentences(6000));
        Assert.True(large < 8 * small, $"1,500 figures: {small:F2} s; 6,000: {large:F2} s (ratio {large / small:F1}; quadratic is 16)");
        double smallRun = Seconds(FiguresWithoutStops(3000)), largeRun = Seconds(FiguresWithoutStops(12000));
        Assert.True(largeRun < 8 * smallRun, $"without stops, 3,000 figures: {smallRun:F2} s; 12,000: {largeRun:F2} s (ratio {largeRun / smallRun:F1})");
    }

    [Fact]
    public void A_page_of_many_paragraphs_side_by_side_reads_in_linear_time()
    {
        using var dir = new TempDir();
        string Page(int n)
        {
            var sb = new StringBuilder("<!DOCTYPE html><html lang=\"id\"><head><title>Daftar korban</title></head><body>\n");
            for (int i = 0; i < n; i++) sb.Append("<p>Sebanyak ").Append(i % 700 + 2).Append(" warga mengungsi di Cianjur.</p>\n");
            return sb.Append("</body></html>").ToString();
        }
        var reader = new DocumentReader(new ReadOptions());
        double Seconds(string path)
        {
            var best = double.MaxValue;
            for (int k = 0; k < 3; k++)
            {
                var errors = new List<ReadError>();
                var sw = Stopwatch.StartNew();
                var docs = reader.Read([path], errors.Add).ToList();
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
                Assert.Empty(errors);
                var doc = Assert.Single(docs);
                Assert.Contains("Sebanyak 2 warga mengungsi di Cianjur.", doc.Body);
            }
            return best;
        }
        var small = dir.File("small.html", Page(6000));
        var large = dir.File("large.html", Page(24000));
        Seconds(small); // warm up
        // Was: 20,000 / 40,000 paragraphs in 3.4 / 16.8 s for the text walk alone, and minutes in article detection.
        double s = Seconds(small), l = Seconds(large);
        Assert.True(l < 8 * s, $"6,000 paragraphs: {s:F2} s; 24,000: {l:F2} s (ratio {l / s:F1}; quadratic is 16)");
    }

    /// <summary>A clock that only moves when told.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Interlocked.Read(ref Ticks);
    }

    /// <summary>The function-word detector, which makes the clock jump an hour while it looks at a marked text.</summary>
    private sealed class SlowOnMarkDetector(ManualClock clock, ILanguageDetector inner) : ILanguageDetector
    {
        public string? Detect(string text)
        {
            if (text.Contains("Lambat")) Interlocked.Add(ref clock.Ticks, TimeSpan.FromHours(1).Ticks);
            return inner.Detect(text);
        }
    }

    [Fact]
    public void A_document_over_its_time_budget_is_skipped_with_one_line_and_the_batch_goes_on()
    {
        using var dir = new TempDir();
        var a = dir.File("a.txt", "Banjir Garut\n\nSebanyak 12 warga tewas dalam banjir di Garut, kata polisi.\n");
        var slow = dir.File("b.txt", "Lambat\n\nSebanyak 40 warga mengungsi dari rumah mereka di Garut, kata polisi.\n");
        var c = dir.File("c.txt", "Banjir Sumedang\n\nSebanyak 7 warga hilang dalam banjir di Sumedang, kata polisi.\n");
        var clock = new ManualClock();
        var languages = LanguageRegistry.Default;
        var pipeline = new Pipeline(new PipelineOptions
        {
            Detector = new SlowOnMarkDetector(clock, new StopwordDetector(languages.Codes.Select(languages.Get))),
            DocumentTimeBudget = TimeSpan.FromSeconds(30),
            Clock = clock,
        });
        var errors = new List<ReadError>();
        var results = pipeline.Run([a, slow, c], errors.Add).ToList();
        Assert.Equal(["a", "c"], results.Select(r => r.Document.Id));
        Assert.All(results, r => Assert.Single(r.Claims));
        var error = Assert.Single(errors);
        Assert.False(error.IsWarning);
        Assert.Equal(slow, error.Origin);
        Assert.Contains("before step 'analysis'", error.Reason);
        Assert.Contains("budget per document is 30 s", error.Reason);
        Assert.DoesNotContain('\n', error.ToString());
    }
}
