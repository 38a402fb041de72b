using CsCheck;
using Tally.Documents;
using Tally.Extraction;
using Tally.Model;

namespace Tally.Tests.Reliability;

/// <summary>
/// Properties of extraction over generated text (CsCheck): it never fails on any text, every offset it gives indexes
/// the document and shows what the claim says, its work grows linearly with the text, and it is deterministic.
/// Texts are random Unicode, and random mixes of the words of every language pack (number words, magnitudes,
/// qualifiers, cues, people nouns, time words, hedges, speakers...), digits in every form, and punctuation.
/// A failure prints the shrunk text and the seed that reproduces it.
/// </summary>
public sealed class ExtractionProperties
{
    private static readonly string[] Languages = ["id", "en", "ms"];
    private static readonly DateTimeOffset Published = new(2024, 5, 17, 9, 0, 0, TimeSpan.FromHours(7));

    private static readonly Dictionary<string, Pipeline> Pipelines =
        Languages.ToDictionary(l => l, l => new Pipeline(new PipelineOptions { Language = new LanguageChoice(l) }));

    /// <summary>The first column of the lexicon files of every language folder: the words extraction reacts to.</summary>
    private static readonly string[] PackWords = LoadPackWords();

    private static string[] LoadPackWords()
    {
        string[] files = ["numbers", "vague", "qualifiers", "categories", "people", "units", "time", "months", "weekdays", "hedges",
            "modality", "reporting", "speakers", "zero", "contexts", "syntax", "abbreviations"];
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var lang in Languages)
            foreach (var f in files)
            {
                var path = Path.Combine(RepoPaths.Root, "data", "lang", lang, f + ".tsv");
                if (!File.Exists(path)) continue;
                foreach (var line in File.ReadLines(path))
                    if (line.Length > 0 && line[0] != '#' && line.Split('\t')[0].Trim() is { Length: > 0 } w) words.Add(w);
            }
        Assert.True(words.Count > 500, $"only {words.Count} words read from the language packs");
        return [.. words];
    }

    private static readonly string[] Punctuation =
        [".", ",", ";", ":", "!", "?", "-", "–", "—", "(", ")", "[", "]", "\"", "“", "”", "'", "’", "/", "%", "+", "…", "&",
         "\n", "\n\n", "\r\n", "\t", "\u00A0", "\u2009", "*", "•", "·", "#", "@", "«", "»"];

    /// <summary>Figures written every way the packs and the news write them.</summary>
    private static readonly Gen<string> Figures = Gen.OneOf<string>(
        Gen.Int[0, 100].Select(i => i.ToString()),
        Gen.Long[0, 99_999_999_999].Select(i => i.ToString()),
        Gen.Int[1, 999].Select(Gen.Int[0, 999]).Select((a, b) => $"{a}.{b:000}"),
        Gen.Int[1, 999].Select(Gen.Int[0, 999]).Select((a, b) => $"{a},{b:000}"),
        Gen.Int[1, 99].Select(Gen.Int[0, 9]).Select((a, b) => $"{a},{b}"),
        Gen.Int[1, 99].Select(Gen.Int[0, 9]).Select((a, b) => $"{a}.{b}"),
        Gen.Int[1, 500].Select(Gen.Int[1, 500]).Select((a, b) => $"{a}-{b}"),
        Gen.Int[1, 31].Select(Gen.Int[1, 12], Gen.Int[1990, 2030]).Select((d, m, y) => $"{d}/{m}/{y}"),
        Gen.Int[1, 31].Select(Gen.Int[1, 12]).Select((d, m) => $"({d}/{m})"),
        Gen.Int[1, 9].Select(i => $"{i}.{i}{i}{i}.{i}{i}{i}"),
        Gen.OneOf("0", "00", "1.", "1,", ".5", "1e9", "١٢", "１２", "½", "10%", "2024", "9999999999999999999999", "-7", "+3"));

    /// <summary>A token: a pack word, a figure, punctuation or a few random characters.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency<string>(
        (6, Gen.OneOf(PackWords)),
        (3, Figures),
        (3, Gen.OneOf(Punctuation)),
        (1, Gen.String[Gen.Char, 1, 3]),
        (1, Gen.OneOf("Jakarta", "Gaza", "Kelantan", "BNPB", "Reuters", "PBB", "UN", "TNI", "Kompas.com", "Indonesia", "Sudan")));

    private static readonly Gen<string> Separator = Gen.Frequency<string>((8, Gen.Const(" ")), (2, Gen.Const("")), (1, Gen.Const("\n")), (1, Gen.Const("  ")));

    /// <summary>Up to 80 pieces joined by spaces, nothing or line breaks.</summary>
    private static readonly Gen<string> Mix = Gen.Select(Piece, Separator).Array[0, 80]
        .Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)));

    private static readonly Gen<string> Language = Gen.OneOf(Languages);

    private const string NothingLeft = "no text left after removing page clutter";

    private static SourceDocument Source(string text) => new()
    {
        Id = "property", Origin = "property", Body = text, Published = Published, PublishedHasTime = true, PublishedHasOffset = true,
    };

    /// <summary>The text through the public pipeline; fails on an error line other than "nothing left after cleaning".</summary>
    private static ExtractionResult? Extract(string text, string lang, Pipeline? pipeline = null)
    {
        var errors = new List<ReadError>();
        var result = (pipeline ?? Pipelines[lang]).Process(Source(text), errors.Add);
        foreach (var e in errors)
            if (e.Reason != NothingLeft) Assert.Fail($"error line on {lang} text: {e.Reason}");
        Assert.True(result is not null || errors.Count > 0, "no result and no error line");
        return result;
    }

    /// <summary>The prepared document and every step's output, for offset and size checks.</summary>
    private static DocumentContext? Analyse(string text, string lang)
    {
        var pipeline = Pipelines[lang];
        if (!pipeline.TryPrepare(Source(text), out var doc, out var why))
        {
            Assert.Equal(NothingLeft, why);
            return null;
        }
        var ctx = pipeline.Extractor.Begin(doc!);
        foreach (var step in pipeline.Extractor.Steps) ClaimExtractor.RunStep(step, ctx);
        return ctx;
    }

    private static bool CleansToNothing(string text, string lang) => !Pipelines[lang].TryPrepare(Source(text), out _, out _);

    [Fact]
    public void Extraction_never_fails_on_random_unicode() =>
        Gen.Select(Gen.String[Gen.Char, 0, 400], Language).Sample((text, lang) =>
        {
            var result = Extract(text, lang);
            Assert.True(result is not null || CleansToNothing(text, lang));
        }, iter: 400, threads: 1);

    [Fact]
    public void Extraction_never_fails_on_mixes_of_pack_words_figures_and_punctuation() =>
        Gen.Select(Mix, Language).Sample((text, lang) =>
        {
            var result = Extract(text, lang);
            Assert.True(result is not null || CleansToNothing(text, lang));
        }, iter: 600, threads: 1);

    [Fact]
    public void Every_offset_indexes_the_text_and_shows_what_the_claim_says() =>
        Gen.Select(Mix, Language).Sample((text, lang) =>
        {
            if (Analyse(text, lang) is not { } ctx) return;
            var a = ctx.Text;
            var doc = ctx.Document.Text;
            Assert.Same(doc, a.Text);
            foreach (var t in a.Tokens)
                Assert.True(t.Start >= 0 && t.Length > 0 && t.End <= doc.Length, $"token [{t.Start},{t.End}) outside the text (length {doc.Length})");
            foreach (var s in a.Sentences)
                Assert.True(0 <= s.Start && s.Start <= s.End && s.End <= doc.Length && s.FirstToken <= s.EndToken && s.EndToken <= a.Tokens.Length,
                    $"sentence {s} outside the text (length {doc.Length}, {a.Tokens.Length} tokens)");
            var countTexts = new HashSet<string>(StringComparer.Ordinal);
            foreach (var m in ctx.Mentions)
            {
                Assert.True(0 <= m.Start && m.Start < m.End && m.End <= a.Tokens.Length, $"count {m} outside the tokens ({a.Tokens.Length})");
                Assert.True(m.Start <= m.NumberStart && m.NumberStart <= m.NumberEnd && m.NumberEnd <= m.End, $"figure of {m} outside its count");
                var span = doc[a.Tokens[m.Start].Start..a.Tokens[m.End - 1].End];
                Assert.Equal(span, m.ToCount(a).Text);
                countTexts.Add(span);
            }
            foreach (var c in ctx.Claims)
            {
                var e = c.Evidence;
                Assert.True(0 <= e.Start && e.Start <= e.End && e.End <= doc.Length, $"evidence [{e.Start},{e.End}) outside the text (length {doc.Length})");
                Assert.Equal(doc[e.Start..e.End], e.Sentence);
                Assert.Contains(c.Count.Text, countTexts);
                Assert.Contains(a.Sentences, s => s.Start == e.Start && s.End == e.End);
            }
        }, iter: 500, threads: 1);

    [Fact]
    public void Extraction_is_deterministic() =>
        Gen.Select(Mix, Mix, Language).Sample((text, other, lang) =>
        {
            var first = Extract(text, lang);
            Extract(other, lang); // another document in between: nothing of it may stay behind
            var again = Extract(text, lang, new Pipeline(new PipelineOptions { Language = new LanguageChoice(lang) }));
            Assert.Equal(first is null, again is null);
            if (first is null) return;
            Assert.Equal(first.Document.Text, again!.Document.Text);
            Assert.Equal(first.Claims, again.Claims);
            Assert.Equal(first.Candidates.Select(Describe), again.Candidates.Select(Describe));
        }, iter: 150, threads: 1);

    private static string Describe(Candidate c) => $"{c} by={c.DroppedBy} where={c.Where} when={c.When} source={c.Source} certainty={c.Certainty}";

    /// <summary>A paragraph that reads like news: sentences of pack words and figures, each ending in a full stop.</summary>
    private static readonly Gen<string> Paragraph = Gen.Select(Piece, Separator).Array[3, 25]
        .Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)).Replace('\n', ' ').Trim() + ".")
        .Array[1, 4].Select(sentences => string.Join(" ", sentences));

    [Fact]
    public void Extraction_work_grows_linearly_with_the_text() =>
        Gen.Select(Paragraph.Array[2, 6], Language).Sample((paragraphs, lang) =>
        {
            // n and 4n copies of the same paragraphs: linear work grows 4x, quadratic 16x. (Doubling would leave too
            // little room: buffers that grow in steps make a linear step's bytes grow 2.5x from n to 2n at times, and
            // 7x from 1,400 to 5,800 characters; from 16 copies up the steps are 2x.)
            const int n = 16, k = 4;
            var small = string.Join("\n\n", Enumerable.Repeat(paragraphs, n).SelectMany(p => p));
            var large = string.Join("\n\n", Enumerable.Repeat(paragraphs, k * n).SelectMany(p => p));
            Analyse(small, lang); // warm: the first run of a shape may load and cache what later runs share
            var (s, sBytes) = Measure(small, lang);
            var (l, lBytes) = Measure(large, lang);
            if (s is null || l is null) return;
            // Everything extraction makes of the text grows (at most) as the text does, and so do the bytes it allocates.
            Assert.InRange(l.Text.Tokens.Length, k * s.Text.Tokens.Length - 8, k * s.Text.Tokens.Length + 8);
            Assert.True(l.Text.Sentences.Length <= k * s.Text.Sentences.Length + 4, $"sentences {s.Text.Sentences.Length} -> {l.Text.Sentences.Length}");
            Assert.True(l.Mentions.Count <= k * s.Mentions.Count + 4, $"counts {s.Mentions.Count} -> {l.Mentions.Count}");
            Assert.True(l.Candidates.Count <= k * s.Candidates.Count + 4, $"candidates {s.Candidates.Count} -> {l.Candidates.Count}");
            Assert.True(l.Times.Count <= k * s.Times.Count + 4, $"times {s.Times.Count} -> {l.Times.Count}");
            Assert.True(l.Claims.Count <= k * s.Claims.Count + 4, $"claims {s.Claims.Count} -> {l.Claims.Count}");
            Assert.True(lBytes <= 6 * sBytes, $"allocated {sBytes:N0} bytes for {small.Length:N0} characters, {lBytes:N0} for {k} times that (linear: {k}x, quadratic: {k * k}x)");
        }, iter: 15, threads: 1);

    /// <summary>Every step run on the text, and the bytes this thread allocated doing it (a count of work done).</summary>
    private static (DocumentContext? Context, long Bytes) Measure(string text, string lang)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ctx = Analyse(text, lang);
        return (ctx, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
