using Tally.Languages;

namespace Tally.Text;

/// <summary>
/// Turns text into an <see cref="AnalyzedText"/>: tokens, every lexicon layer (one trie walk per token),
/// sentences and paragraphs. Pure: the same text and language give the same result.
/// </summary>
public static class TextAnalyzer
{
    private static readonly int KindCount = Enum.GetValues<LexKind>().Length;

    static TextAnalyzer()
    {
        // A bit per kind in Longest.Matched.
        if (KindCount > 32) throw new InvalidOperationException("more than 32 lexicon kinds");
    }

    public static AnalyzedText Analyze(string text, LanguagePack language)
    {
        var tokens = Tokenizer.Tokenize(text);
        var layers = BuildLayers(text, tokens, language);
        var (sentences, paragraphs) = Split(text, tokens, language);
        return new AnalyzedText(text, language, tokens, sentences, paragraphs, layers);
    }

    private struct Longest : IMatchSink<LexGroup>
    {
        public LexGroup?[] Group;
        public int[] End;
        /// <summary>The kinds matched at this token (a bit per kind): only those are read and cleared.</summary>
        public uint Matched;

        public void OnMatch(LexGroup g, int end)
        {
            if (end < 0)
            {
                // "prajuritnya", "rumahnya": a clitic on a noun; function words keep their own meaning ("sebelumnya").
                if (g.Kind is not (LexKind.People or LexKind.Unit)) return;
                end = -end;
            }
            int k = (int)g.Kind;
            if ((Matched & (1u << k)) == 0 || end > End[k]) { Group[k] = g; End[k] = end; Matched |= 1u << k; }
        }
    }

    // Scratch lists per thread (the matches of each kind, and the chosen ones): only the layers' arrays are allocated.
    [ThreadStatic] private static List<Hit>[]? t_candidates;
    [ThreadStatic] private static List<Hit>? t_chosen;

    private static Layer[] BuildLayers(string text, Token[] tokens, LanguagePack language)
    {
        var candidates = t_candidates ??= Enumerable.Range(0, KindCount).Select(_ => new List<Hit>()).ToArray();
        foreach (var list in candidates) list.Clear();
        var chosen = t_chosen ??= [];
        var state = new Longest { Group = new LexGroup?[KindCount], End = new int[KindCount] };
        for (int i = 0; i < tokens.Length; i++)
        {
            language.Lexicon.MatchAt(text, tokens, i, ref state);
            for (uint m = state.Matched; m != 0; m &= m - 1)
            {
                int k = System.Numerics.BitOperations.TrailingZeroCount(m);
                candidates[k].Add(new Hit(i, state.End[k], state.Group[k]!));
            }
            state.Matched = 0;
        }

        var layers = new Layer[KindCount];
        var cover = new uint[tokens.Length];
        for (int k = 0; k < KindCount; k++)
        {
            // Left to right, longest first; a match gives way to a longer one that starts inside it
            // ("were killed or wounded": "killed or wounded", not "were killed").
            var list = candidates[k];
            chosen.Clear();
            int next = 0;
            for (int c = 0; c < list.Count; c++)
            {
                var h = list[c];
                if (h.Start < next) continue;
                bool yield = false;
                for (int d = c + 1; d < list.Count && list[d].Start < h.End; d++)
                    if (list[d].End > h.End && list[d].End - list[d].Start > h.End - h.Start) { yield = true; break; }
                if (yield) continue;
                chosen.Add(h);
                next = h.End;
                for (int t = h.Start; t < h.End; t++) cover[t] |= 1u << k;
            }
            layers[k] = new Layer(chosen.Count == 0 ? [] : chosen.ToArray(), cover, k);
        }
        // Do not keep a huge document's buffers alive.
        if (tokens.Length > 1 << 18) { t_candidates = null; t_chosen = null; }
        return layers;
    }

    private static (Sentence[], Paragraph[]) Split(string text, Token[] tokens, LanguagePack language)
    {
        var sentences = new List<Sentence>();
        var paragraphs = new List<Paragraph>();
        int first = 0;
        int paraStartSentence = 0;

        void Close(int endToken)
        {
            if (endToken <= first) return;
            // An overlong "sentence" (a table of figures, a page without stops) is cut into pieces of at most
            // MaxSentenceChars: after the last clause mark that fits (in the second half, so no piece is a scrap), else at
            // the last token that fits.
            while (tokens[endToken - 1].End - tokens[first].Start > MaxSentenceChars)
            {
                int limit = tokens[first].Start + MaxSentenceChars, cut = first + 1, mark = -1;
                for (int t = first + 1; t < endToken && tokens[t].End <= limit; t++)
                {
                    cut = t + 1;
                    if (tokens[t].Kind == TokenKind.Punct && IsClauseMark(text[tokens[t].Start]) && tokens[t].End > limit - MaxSentenceChars / 2) mark = t + 1;
                }
                if (mark > first) cut = mark;
                if (cut >= endToken) break;
                sentences.Add(new Sentence(first, cut, tokens[first].Start, tokens[cut - 1].End, paragraphs.Count));
                first = cut;
            }
            sentences.Add(new Sentence(first, endToken, tokens[first].Start, tokens[endToken - 1].End, paragraphs.Count));
            first = endToken;
        }

        void CloseParagraph()
        {
            if (sentences.Count > paraStartSentence)
                paragraphs.Add(new Paragraph(sentences[paraStartSentence].Start, sentences[^1].End, paraStartSentence, sentences.Count));
            paraStartSentence = sentences.Count;
        }

        for (int i = 0; i < tokens.Length; i++)
        {
            if (i > 0 && tokens[i].Is(TokenFlags.LineStart))
            {
                Close(i);
                CloseParagraph();
                first = i;
            }
            if (tokens[i].Kind != TokenKind.Punct) continue;
            char c = text[tokens[i].Start];
            if (c is not ('.' or '!' or '?' or '…')) continue;
            // Take closing quotes and brackets that hug the terminator.
            int end = i + 1;
            while (end < tokens.Length && !tokens[end].Is(TokenFlags.SpaceBefore) && tokens[end].Kind == TokenKind.Punct
                   && IsCloser(text[tokens[end].Start])) end++;
            if (end >= tokens.Length) { Close(end); i = end - 1; continue; }
            var next = tokens[end];
            if (next.Is(TokenFlags.LineStart)) { Close(end); i = end - 1; continue; }
            if (!next.Is(TokenFlags.SpaceBefore)) continue;
            if (c == '.' && i > 0 && IsAbbreviation(text, tokens, i - 1, language)) continue;
            if (!StartsSentence(text, next)) continue;
            Close(end);
            i = end - 1;
        }
        Close(tokens.Length);
        CloseParagraph();
        return (sentences.ToArray(), paragraphs.ToArray());
    }

    /// <summary>
    /// The longest sentence, in characters, that analysis keeps whole. Every step reads a figure's sentence (and a claim
    /// carries it as evidence), so a text without sentence stops must not become one sentence of the whole document.
    /// News sentences are far shorter (the longest in the dev set, five sentences run together without spaces, has 716).
    /// </summary>
    public const int MaxSentenceChars = 1000;

    private static bool IsClauseMark(char c) => c is ';' or ':' or ',' or '—' or '–';

    private static bool IsCloser(char c) => c is '"' or '\'' or '”' or '’' or ')' or ']' or '»';

    private static bool StartsSentence(string text, Token next)
    {
        char c = text[next.Start];
        return char.IsUpper(c) || char.IsDigit(c) || c is '"' or '“' or '‘' or '\'' or '(' or '[' or '«' or '-' or '–' or '—';
    }

    private static bool IsAbbreviation(string text, Token[] tokens, int wordIndex, LanguagePack language)
    {
        var t = tokens[wordIndex];
        if (t.Kind != TokenKind.Word || t.End != tokens[wordIndex + 1].Start) return false;
        var w = t.Span(text);
        // A single capital letter is an initial (A. Yani); dotted abbreviations carry their own dots (U.S.).
        if (w.Length == 1 && char.IsUpper(w[0])) return true;
        var lookup = language.Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        return lookup.Contains(w) || (w.Contains('.') && lookup.Contains(w.TrimEnd('.')));
    }
}
