using Tally.Languages;

namespace Tally.Text;

/// <summary>A lexicon match over tokens [Start, End).</summary>
public readonly record struct Hit(int Start, int End, LexGroup Group)
{
    public LexEntry Entry => Group.First;
    public LexEntry[] Entries => Group.Entries;

    /// <summary>Does one of the hit's entries have this syntax role? (No closure: callers pass roles in variables.)</summary>
    public bool HasSyntax(SyntaxRole role)
    {
        foreach (var e in Group.Entries) if (e.Syntax == role) return true;
        return false;
    }
}

/// <summary>
/// The non-overlapping matches of one kind of lexicon entry (longest first, left to right), sorted by start: the hit
/// at a token is found by binary search. All layers of a text share one word per token with a bit per layer that
/// covers it, so the common question — "is this token in the layer?" answered no — costs one lookup.
/// </summary>
public sealed class Layer
{
    private readonly Hit[] _hits;
    private readonly uint[] _cover;
    private readonly uint _bit;

    /// <param name="hits">The hits, sorted by start, not overlapping.</param>
    /// <param name="cover">Per token, a bit for each layer covering it (the bit of this layer is 1 &lt;&lt; <paramref name="bit"/>).</param>
    public Layer(Hit[] hits, uint[] cover, int bit)
    {
        _hits = hits;
        _cover = cover;
        _bit = 1u << bit;
    }

    public ReadOnlySpan<Hit> Hits => _hits;

    /// <summary>The index of the hit covering <paramref name="token"/>, or -1.</summary>
    private int At(int token)
    {
        if ((uint)token >= (uint)_cover.Length || (_cover[token] & _bit) == 0) return -1;
        // The last hit starting at or before the token.
        int lo = 0, hi = _hits.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_hits[mid].Start <= token) lo = mid + 1; else hi = mid;
        }
        return lo > 0 && _hits[lo - 1].End > token ? lo - 1 : -1;
    }

    /// <summary>The hit that starts at <paramref name="token"/>.</summary>
    public bool StartsAt(int token, out Hit hit)
    {
        int h = At(token);
        if (h >= 0 && _hits[h].Start == token) { hit = _hits[h]; return true; }
        hit = default; return false;
    }

    /// <summary>The hit that ends just before <paramref name="tokenEnd"/> (its End equals it).</summary>
    public bool EndsAt(int tokenEnd, out Hit hit)
    {
        int h = At(tokenEnd - 1);
        if (h >= 0 && _hits[h].End == tokenEnd) { hit = _hits[h]; return true; }
        hit = default; return false;
    }

    public bool Covers(int token, out Hit hit)
    {
        int h = At(token);
        if (h >= 0) { hit = _hits[h]; return true; }
        hit = default; return false;
    }

    /// <summary>Hits lying wholly inside tokens [from, to).</summary>
    public ReadOnlySpan<Hit> Within(int from, int to)
    {
        int lo = LowerBound(from), hi = lo;
        while (hi < _hits.Length && _hits[hi].End <= to) hi++;
        // Skip a hit that starts inside but ends beyond.
        return _hits.AsSpan(lo, hi - lo);
    }

    private int LowerBound(int token)
    {
        int lo = 0, hi = _hits.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_hits[mid].Start < token) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}

/// <summary>A sentence: tokens [FirstToken, EndToken), characters [Start, End).</summary>
public readonly record struct Sentence(int FirstToken, int EndToken, int Start, int End, int Paragraph);

/// <summary>A paragraph (a line of the text): characters [Start, End), sentences [FirstSentence, EndSentence).</summary>
public readonly record struct Paragraph(int Start, int End, int FirstSentence, int EndSentence);

/// <summary>A text split into tokens, sentences and paragraphs, with every lexicon layer of its language.</summary>
public sealed class AnalyzedText
{
    private readonly Layer[] _layers;
    private readonly int[] _sentenceOfToken;

    internal AnalyzedText(string text, LanguagePack language, Token[] tokens, Sentence[] sentences, Paragraph[] paragraphs, Layer[] layers)
    {
        Text = text; Language = language; Tokens = tokens; Sentences = sentences; Paragraphs = paragraphs; _layers = layers;
        _sentenceOfToken = new int[tokens.Length];
        for (int s = 0; s < sentences.Length; s++)
            for (int t = sentences[s].FirstToken; t < sentences[s].EndToken; t++) _sentenceOfToken[t] = s;
    }

    public string Text { get; }
    public LanguagePack Language { get; }
    public Token[] Tokens { get; }
    public Sentence[] Sentences { get; }
    public Paragraph[] Paragraphs { get; }

    public Layer this[LexKind kind] => _layers[(int)kind];

    public int SentenceOf(int token) => _sentenceOfToken[token];

    public ReadOnlySpan<char> Span(int token) => Tokens[token].Span(Text);

    public string Slice(int fromToken, int toToken) =>
        toToken <= fromToken ? "" : Text[Tokens[fromToken].Start..Tokens[toToken - 1].End];

    public bool IsPunct(int token, char c) =>
        (uint)token < (uint)Tokens.Length && Tokens[token].Kind == TokenKind.Punct && Tokens[token].Length == 1 && Text[Tokens[token].Start] == c;
}
