using System.Text.Json;
using Tally.Documents;
using Tally.Languages;
using Tally.Tests.Cli;
using static Tally.Tests.Inputs.InputSupport;

namespace Tally.Tests.Inputs;

/// <summary>Lingua, restricted to Tally's language folders: Indonesian, English and Malay told apart; others refused.</summary>
public class LanguageDetectionTests
{
    // Paragraphs written for these tests (invented events).
    private const string Indonesian = "Banjir bandang yang melanda tiga kecamatan di Kabupaten Wanasari pada Senin malam menewaskan sedikitnya 14 orang. "
        + "Kepala Badan Penanggulangan Bencana Daerah mengatakan hingga Rabu pagi sebanyak sembilan warga masih dinyatakan hilang, "
        + "sementara ribuan lainnya terpaksa mengungsi ke balai desa dan gedung sekolah karena rumah mereka terendam lumpur.";
    private const string English = "A flash flood that swept through three districts of Wanasari regency on Monday night killed at least 14 people. "
        + "The head of the regional disaster agency said nine residents were still missing on Wednesday morning, "
        + "while thousands of others had been forced to shelter in village halls and schools after their homes were buried in mud.";
    private const string Malay = "Banjir kilat yang melanda tiga daerah di negeri itu pada malam Isnin meragut sekurang-kurangnya 14 nyawa. "
        + "Pengarah Agensi Pengurusan Bencana Negeri berkata sehingga pagi Rabu, sembilan penduduk masih dilaporkan hilang, "
        + "manakala ribuan yang lain terpaksa berlindung di dewan orang ramai dan sekolah kerana kediaman mereka ditenggelami lumpur.";
    private const string French = "Une crue soudaine a frappé trois districts de la région lundi soir et a fait au moins quatorze morts. "
        + "Le chef de l'agence régionale de gestion des catastrophes a déclaré que neuf habitants étaient toujours portés disparus mercredi matin.";
    private const string German = "Eine Sturzflut hat am Montagabend drei Bezirke der Region getroffen und mindestens vierzehn Menschen getötet. "
        + "Nach Angaben der regionalen Katastrophenschutzbehörde wurden am Mittwochmorgen noch neun Bewohner vermisst.";

    [Theory]
    [InlineData(Indonesian, "id")]
    [InlineData(English, "en")]
    [InlineData(Malay, "ms")]
    public void Indonesian_English_and_Malay_paragraphs_are_told_apart(string text, string expected)
    {
        var guess = LinguaDetector.Shared.Guess(text);
        Assert.Equal(expected, guess.Code);
        Assert.True(guess.Plausible);
        Assert.True(guess.Confidence >= 0.9, $"confidence {guess.Confidence}");
        // Sentence by sentence too, where Malay and Indonesian are closest.
        foreach (var sentence in text.Split(". ", StringSplitOptions.RemoveEmptyEntries))
            Assert.Equal(expected, LinguaDetector.Shared.Detect(sentence));
    }

    [Theory]
    [InlineData(French)]
    [InlineData(German)]
    public void Text_in_another_language_is_reported_and_skipped_not_misparsed(string text)
    {
        Assert.False(LinguaDetector.Shared.Guess(text).Plausible);
        var errors = new List<ReadError>();
        var r = Run.Pipeline.Process(new SourceDocument { Id = "x", Body = text, Origin = "x.txt" }, errors.Add);
        Assert.Null(r);
        Assert.Contains("none of the languages Tally reads", Assert.Single(errors).Reason);
    }

    [Fact]
    public void Detection_on_the_text_overrules_a_wrong_declared_language_and_a_short_text_keeps_the_declared_one()
    {
        Assert.True(Run.Pipeline.TryPrepare(new SourceDocument { Id = "a", Body = Indonesian, Origin = "a", DeclaredLanguage = "en" }, out var a, out _));
        Assert.Equal("id", a!.Language);
        Assert.True(Run.Pipeline.TryPrepare(new SourceDocument { Id = "b", Body = English, Origin = "b", DeclaredLanguage = "id-ID" }, out var b, out _));
        Assert.Equal("en", b!.Language);
        // Too short to be sure: the declared language stands.
        Assert.True(Run.Pipeline.TryPrepare(new SourceDocument { Id = "c", Body = "Banjir: 5 tewas", Origin = "c", DeclaredLanguage = "id" }, out var c, out _));
        Assert.Equal("id", c!.Language);
        // A Malay page declared as Indonesian is still Malay: skipped while the Malay pack is incomplete, read as Malay after.
        var prepared = Run.Pipeline.TryPrepare(new SourceDocument { Id = "d", Body = Malay, Origin = "d", DeclaredLanguage = "id" }, out var ms, out var why);
        if (MalaySupported) Assert.Equal("ms", ms!.Language);
        else
        {
            Assert.False(prepared);
            Assert.Equal("language 'ms' (detected) is not supported", why);
        }
    }

    private static bool MalaySupported => LanguageRegistry.Default.Supports("ms");

    [Fact]
    public void The_shared_detector_gives_the_same_answers_from_many_threads()
    {
        string[] texts = [Indonesian, English, Malay, French, German, .. Indonesian.Split(". "), .. Malay.Split(". "), .. English.Split(". ")];
        var expected = texts.Select(t => LinguaDetector.Shared.Guess(t)).ToArray();
        var got = new LanguageGuess[texts.Length * 8];
        Parallel.For(0, got.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => got[i] = LinguaDetector.Shared.Guess(texts[i % texts.Length]));
        for (int i = 0; i < got.Length; i++) Assert.Equal(expected[i % texts.Length], got[i]);
        Assert.Same(LinguaDetector.Shared, LinguaDetector.Shared);
    }

    [Fact]
    public void The_candidates_are_the_language_folders_and_the_supported_ones_the_complete_packs()
    {
        Assert.Equal(["en", "id", "ms"], LinguaDetector.Shared.Codes.Order());
        Assert.Empty(LinguaDetector.Shared.Unknown);
        Assert.Contains("ms", TextCleaner.LanguageFolders());
        // data/lang/ms has only clutter.tsv so far: it lends its clutter rules but is not a supported language.
        Assert.Equal(DataFiles.Exists("data/lang/ms/meta.tsv"), LanguagePack.Available.Contains("ms"));
        Assert.Contains(TextCleaner.ForAllLanguages().Rules, r => r.Source.StartsWith("data/lang/ms/"));
        Assert.Equal(Lingua.Language.Malay, LinguaDetector.ToLingua("ms"));
        Assert.Null(LinguaDetector.ToLingua("xx"));
    }

    /// <summary>
    /// Every dev document is settled in its language as the program settles it (declared language confirmed by function
    /// words, else detection), and Lingua alone, on the cleaned title and body, is right on nearly all of them.
    /// </summary>
    [DevSetFact]
    public void Every_dev_document_is_settled_in_its_language_and_Lingua_alone_is_right_on_nearly_all()
    {
        var docs = Path.Combine(RepoPaths.Shared!, "eval", "dev", "docs");
        var cleaner = TextCleaner.ForAllLanguages();
        var files = Directory.GetFiles(docs, "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 30, $"{files.Count} dev documents");
        var wrong = new List<string>();
        var linguaWrong = new List<string>();
        var counts = new Dictionary<string, int>();
        foreach (var file in files)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            var truth = json.RootElement.GetProperty("language").GetString()!;
            counts[truth] = counts.GetValueOrDefault(truth) + 1;
            var (sources, errors) = Read(file);
            Assert.Empty(errors);
            var src = Assert.Single(sources);
            Assert.True(Run.Pipeline.TryPrepare(src, out var settled, out var why), $"{Path.GetFileName(file)}: {why}");
            if (settled!.Language != truth) wrong.Add($"{Path.GetFileName(file)}: {truth} settled as {settled.Language}");
            var text = (src.Title is { } t ? cleaner.CleanTitle(t) + "\n\n" : "") + cleaner.Clean(src.Body);
            var guess = LinguaDetector.Shared.Guess(text);
            if (guess.Code != truth || !guess.Plausible || guess.Confidence < 0.9)
                linguaWrong.Add($"{Path.GetFileName(file)}: {truth} detected as {guess}");
        }
        Assert.Empty(wrong);
        Assert.True(linguaWrong.Count * 40 <= files.Count, string.Join("\n", linguaWrong));
        // Every language Tally supports is in the dev set.
        Assert.Equal(["en", "id", "ms"], counts.Keys.Order());
    }

    [DevSetFact]
    public void The_program_reports_and_skips_the_Malay_dev_document_while_Malay_is_not_supported()
    {
        var docs = Path.Combine(RepoPaths.Shared!, "eval", "dev", "docs");
        var r = CliRunner.Run(["extract", Path.Combine(docs, "075.json"), Path.Combine(docs, "006.json")]);
        Assert.Equal(0, r.ExitCode);
        var languages = Docs(r.Stdout).Select(d => d.GetProperty("document").GetProperty("language").GetString()).ToList();
        if (MalaySupported) Assert.Equal(["ms", "en"], languages);
        else
        {
            Assert.Equal(["en"], languages);
            Assert.Contains("075.json: language 'ms' (detected) is not supported", r.Stderr);
        }
    }

    // Indonesian news prose full of the function words it shares with Malay (masih, namun, ketika, bagi, turut).
    private const string IndonesianShared = "Ketika banjir datang, warga masih tidur di rumah mereka. Namun petugas turut membantu "
        + "evakuasi bagi warga yang masih terjebak di atap, tetapi arus yang deras membuat perahu karet sulit mendekat karena hujan belum berhenti. "
        + "Setelah sore hari, tim gabungan masih mencari dua orang yang hanyut, sementara bantuan bagi pengungsi mulai tiba dari kabupaten tetangga.";

    // Prose that uses only the function words Indonesian and Malay share (yang, dan, di, dari, pada, oleh, mereka).
    private const string SharedOnly = "Tiga sandera yang dibebaskan pada Sabtu tiba di perbatasan dan diserahkan kepada petugas "
        + "Palang Merah oleh kelompok itu. Mereka dibawa ke rumah sakit di kota itu untuk pemeriksaan. Beberapa jam kemudian, ratusan "
        + "tahanan yang dibebaskan dari penjara tiba di kota itu dan disambut keluarga mereka di alun-alun.";

    [Theory]
    [InlineData("id")]
    [InlineData("ms")]
    public void Where_only_shared_function_words_are_used_nothing_contradicts_the_declared_language(string declared)
    {
        var quick = new StopwordDetector(LanguageRegistry.Default.Codes.Select(LanguageRegistry.Default.Get));
        Assert.True(quick.Confirms(declared, SharedOnly));
        Assert.False(quick.Confirms("en", SharedOnly));
        var detector = new CountingDetector("en");
        var preparer = new DocumentPreparer(TextCleaner.ForAllLanguages(), detector, LanguageRegistry.Default.Supports, quickConfirm: quick.Confirms);
        Assert.True(preparer.TryPrepare(new SourceDocument { Id = "s", Body = SharedOnly, Origin = "s", DeclaredLanguage = declared }, LanguageChoice.Auto, out var d, out _));
        Assert.Equal(declared, d!.Language);
        Assert.Equal(0, detector.Calls);
    }

    private sealed class CountingDetector(string answer) : ILanguageDetector
    {
        public int Calls;
        public string? Detect(string text) { Calls++; return answer; }
    }

    [Theory]
    [InlineData(Indonesian, "id")]
    [InlineData(IndonesianShared, "id")]
    [InlineData(English, "en")]
    [InlineData(Malay, "ms")]
    public void A_document_whose_function_words_confirm_its_declared_language_skips_the_full_detector(string text, string declared)
    {
        var quick = new StopwordDetector(LanguageRegistry.Default.Codes.Select(LanguageRegistry.Default.Get));
        var detector = new CountingDetector("xx");
        var preparer = new DocumentPreparer(TextCleaner.ForAllLanguages(), detector, LanguageRegistry.Default.Supports, quickConfirm: quick.Confirms);
        Assert.True(preparer.TryPrepare(new SourceDocument { Id = "q", Body = text, Origin = "q", DeclaredLanguage = declared }, LanguageChoice.Auto, out var d, out _));
        Assert.Equal(declared, d!.Language);
        Assert.Equal(0, detector.Calls);
        // A wrong label is not confirmed: the full detector decides.
        foreach (var other in new[] { "id", "en", "ms" }.Where(o => o != declared))
            Assert.False(quick.Confirms(other, text), $"{declared} text confirmed as {other}");
    }
}
