using System.Collections.Frozen;
using Tally.Languages;
using Tally.Text;

namespace Tally.Documents;

/// <summary>
/// Language detection with Lingua, restricted to the languages Tally has a folder for under data/lang (each folder's
/// name is its ISO 639-1 code, which names the Lingua language: id → Indonesian, en → English, ms → Malay). A folder
/// whose pack is incomplete still takes part, so that a Malay page is recognised as Malay (and refused while Malay is
/// not supported) instead of being read as Indonesian.
/// Lingua always picks one of its candidates, so the pick is checked against the language's function words
/// (stopwords.tsv; a folder without one is checked against every folder's list): a French or German text has too few
/// of them and is "in none of the languages". The Lingua detector (high-accuracy models of the candidate languages,
/// about 80 MB) is built once, on first use, shared by every instance and thread.
/// </summary>
public sealed class LinguaDetector : ILanguageDetector
{
    /// <summary>Longest prefix of a text that is looked at (news prose settles the language long before).</summary>
    public const int MaxChars = 10_000;

    private static readonly Lazy<LinguaDetector> SharedInstance = new(() => new LinguaDetector(TextCleaner.LanguageFolders()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<Lingua.LanguageDetector> _lingua;
    private readonly Dictionary<Lingua.Language, string> _codes = [];
    private readonly Dictionary<string, FrozenSet<string>> _functionWords = new(StringComparer.OrdinalIgnoreCase);
    private readonly FrozenSet<string> _anyFunctionWord;

    /// <summary>The detector for every language folder under data/lang.</summary>
    public static LinguaDetector Shared => SharedInstance.Value;

    /// <param name="codes">ISO 639-1 codes of the candidate languages; codes Lingua does not know are left out (see <see cref="Unknown"/>).</param>
    /// <param name="modelsDirectory">Where Lingua's models are (default: Lingua/LanguageModels next to the program).</param>
    public LinguaDetector(IEnumerable<string> codes, string? modelsDirectory = null)
    {
        var unknown = new List<string>();
        foreach (var code in codes.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (ToLingua(code) is { } lang) _codes[lang] = code.ToLowerInvariant();
            else unknown.Add(code);
        }
        Unknown = unknown;
        foreach (var code in _codes.Values)
        {
            var words = LanguagePack.LoadStopwords(code);
            if (words.Count > 0) _functionWords[code] = words;
        }
        _anyFunctionWord = _functionWords.Values.SelectMany(w => w).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        var languages = _codes.Keys.ToArray();
        _lingua = new Lazy<Lingua.LanguageDetector>(() => Build(languages, modelsDirectory), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The candidate languages' codes.</summary>
    public IReadOnlyCollection<string> Codes => _codes.Values;

    /// <summary>Codes that were asked for but that Lingua has no language for.</summary>
    public IReadOnlyList<string> Unknown { get; }

    /// <summary>Whether the models are loaded (the first detection loads them).</summary>
    public bool IsLoaded => _lingua.IsValueCreated;

    /// <summary>Loads the models now instead of at the first detection.</summary>
    public void Load() => _ = _lingua.Value;

    /// <summary>The Lingua language for an ISO 639-1 code, or null.</summary>
    public static Lingua.Language? ToLingua(string code) =>
        Enum.TryParse<Lingua.IsoCode6391>(code.Trim(), ignoreCase: true, out var iso) && Enum.IsDefined(iso)
            ? Lingua.LanguageInfo.GetByIsoCode6391(iso) : null;

    public string? Detect(string text) => Guess(text) is { Code: { } code, Plausible: true } ? code : null;

    public LanguageGuess Guess(string text)
    {
        if (_codes.Count == 0 || string.IsNullOrWhiteSpace(text)) return LanguageGuess.None;
        if (text.Length > MaxChars) text = text[..MaxChars];
        var values = _lingua.Value.ComputeLanguageConfidenceValues(text);
        Lingua.Language best = Lingua.Language.Unknown;
        double confidence = 0;
        foreach (var (lang, value) in values)
            if (value > confidence) { best = lang; confidence = value; }
        if (confidence <= 0 || !_codes.TryGetValue(best, out var code)) return LanguageGuess.None;
        return new LanguageGuess(code, confidence, HasFunctionWords(text, code));
    }

    /// <summary>Real prose in a language has one of its function words every few words (at least 2, and 1 in 12).</summary>
    private bool HasFunctionWords(string text, string code)
    {
        var words = _functionWords.TryGetValue(code, out var own) ? own : _anyFunctionWord;
        if (words.Count == 0) return true;
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        int total = 0, hits = 0;
        foreach (var t in Tokenizer.Tokenize(text))
        {
            if (t.Kind != TokenKind.Word) continue;
            total++;
            if (lookup.Contains(t.Span(text))) hits++;
        }
        return hits >= 2 && hits * 12 >= total;
    }

    private static Lingua.LanguageDetector Build(Lingua.Language[] languages, string? modelsDirectory)
    {
        var dir = modelsDirectory ?? Path.Combine(AppContext.BaseDirectory, "Lingua", "LanguageModels");
        foreach (var l in languages)
        {
            var iso = Lingua.LanguageInfo.IsoCode6391(l).ToString().ToLowerInvariant();
            if (!Directory.Exists(Path.Combine(dir, iso)))
                throw new InvalidOperationException($"Lingua's models for {l} are missing (looked in {Path.Combine(dir, iso)}); rebuild Tally");
        }
        var builder = languages.Length == 1
            ? throw new InvalidOperationException("Lingua needs at least two candidate languages")
            : Lingua.LanguageDetectorBuilder.FromLanguages(languages).WithPreloadedLanguageModels();
        if (modelsDirectory is not null) builder = builder.WithLanguageModelsDirectory(modelsDirectory);
        return builder.Build();
    }
}
