using Tally.Languages;
using Tally.Text;

namespace Tally.Documents;

/// <summary>
/// A detector's answer: the most likely language (null if none), how sure it is (0..1, relative to the other
/// candidates), and whether the text is plausibly in that language at all (enough of its function words).
/// </summary>
public readonly record struct LanguageGuess(string? Code, double Confidence, bool Plausible)
{
    public static LanguageGuess None { get; } = new(null, 0, false);
}

/// <summary>Tells which supported language a text is in.</summary>
public interface ILanguageDetector
{
    /// <summary>The language code, or null when the text is in none of the supported languages.</summary>
    string? Detect(string text);

    /// <summary>The detector's answer with its confidence (a detector without one is always sure of what it says).</summary>
    LanguageGuess Guess(string text) => Detect(text) is { } code ? new(code, 1.0, true) : LanguageGuess.None;
}

/// <summary>
/// A small detector from the packs' function-word lists (stopwords.tsv): the language whose words are most
/// frequent wins; too few function words of any supported language means "not supported".
/// </summary>
public sealed class StopwordDetector(IEnumerable<LanguagePack> packs) : ILanguageDetector
{
    private readonly LanguagePack[] _packs = packs.Where(p => p.Stopwords.Count > 0).ToArray();

    /// <summary>
    /// A cheap check that a text is in the language it declares: that language's function words are frequent and about
    /// as frequent as any other's. Lets a batch skip the full detector for documents that say what they are.
    /// </summary>
    public bool Confirms(string code, string text)
    {
        var (scores, words) = Score(text);
        int mine = Array.FindIndex(_packs, p => p.Code.Equals(code, StringComparison.OrdinalIgnoreCase));
        if (mine < 0) return false;
        // Its function words are frequent, and no other language's are more frequent (close languages such as Indonesian
        // and Malay share many: the words only one of them uses decide; where none is used, nothing contradicts the
        // declaration).
        for (int i = 0; i < scores.Length; i++) if (i != mine && scores[i] > scores[mine]) return false;
        // A short text (a headline and a sentence) has too few words for a detector to tell close languages apart: one of
        // its function words, outscored by no other language's, confirms what it declares.
        if (words < 20) return scores[mine] > 0;
        return scores[mine] * 12 >= words;
    }

    private (int[] Scores, int Words) Score(string text)
    {
        var tokens = Tokenizer.Tokenize(text.Length > 4000 ? text[..4000] : text);
        var scores = new int[_packs.Length];
        int words = 0;
        foreach (var t in tokens)
        {
            if (t.Kind != TokenKind.Word) continue;
            words++;
            var span = t.Span(text);
            for (int i = 0; i < _packs.Length; i++)
                if (_packs[i].IsStopword(span)) scores[i]++;
        }
        return (scores, words);
    }

    public string? Detect(string text)
    {
        var (scores, words) = Score(text);
        if (words == 0 || _packs.Length == 0) return null;
        int best = 0;
        for (int i = 1; i < _packs.Length; i++) if (scores[i] > scores[best]) best = i;
        // Real prose in a language has a function word every few words.
        if (scores[best] < 2 || scores[best] * 12 < words) return null;
        return _packs[best].Code;
    }
}
