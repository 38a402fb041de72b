using Tally.Text;

namespace Tally.Languages;

/// <summary>
/// A trie of phrases keyed by tokens, matched against a token stream without allocating:
/// children are looked up by span and the token's precomputed hash (case-insensitive); an entry whose phrase has an upper-case letter
/// matches only the same spelling (acronyms, month names that are also common words).
/// Optional suffixes (Indonesian "-nya") are stripped from a single word that does not match as written.
/// </summary>
public sealed class PhraseTrie<T> where T : class
{
    private sealed class Node
    {
        public FoldedMap<Node>? Children;
        public List<(T Value, string[] Exact)>? Values;
    }

    private readonly Node _root = new();
    private readonly string[] _suffixes;

    // The last letters of the suffixes, in both cases: most words end otherwise and are not compared with any suffix.
    private readonly System.Buffers.SearchValues<char> _suffixEnds;

    public PhraseTrie(IEnumerable<string>? strippableSuffixes = null)
    {
        _suffixes = strippableSuffixes?.Where(s => s.Length > 0).ToArray() ?? [];
        _suffixEnds = System.Buffers.SearchValues.Create(string.Concat(_suffixes.Select(s => $"{char.ToLowerInvariant(s[^1])}{char.ToUpperInvariant(s[^1])}")));
    }

    public int Count { get; private set; }

    public void Add(string phrase, T value)
    {
        var tokens = Tokenizer.Tokenize(phrase);
        if (tokens.Length == 0) throw new ArgumentException("empty phrase", nameof(phrase));
        var node = _root;
        var exact = new string[tokens.Length];
        bool anyExact = false;
        for (int i = 0; i < tokens.Length; i++)
        {
            var key = phrase.Substring(tokens[i].Start, tokens[i].Length);
            if (key.Any(char.IsUpper)) { exact[i] = key; anyExact = true; }
            node = (node.Children ??= new FoldedMap<Node>()).GetOrAdd(key, static () => new Node());
        }
        (node.Values ??= []).Add((value, anyExact ? exact : []));
        Count++;
    }

    /// <summary>
    /// Every entry that matches starting at token <paramref name="at"/>, reported to <paramref name="sink"/> with the
    /// exclusive end token; shorter matches come first. A match found only after stripping a suffix is reported with the
    /// end negated, so callers can take such matches for some kinds of entries only. The sink is a struct: its method is
    /// called directly (and inlined), not through a delegate, in the passes that visit every token.
    /// </summary>
    public void MatchAt<TSink>(string text, ReadOnlySpan<Token> tokens, int at, ref TSink sink) where TSink : struct, IMatchSink<T>
    {
        var node = _root;
        for (int i = at; i < tokens.Length; i++)
        {
            if (node.Children is null) return;
            var span = tokens[i].Span(text);
            if (!node.Children.TryGetValue(span, tokens[i].Hash, out var next))
            {
                if (i == at && _suffixes.Length > 0 && tokens[i].Kind == TokenKind.Word && _suffixEnds.Contains(span[^1]))
                {
                    foreach (var suf in _suffixes)
                    {
                        if (span.Length > suf.Length + 2 && FoldedHash.EqualsFolded(span[^suf.Length..], suf)
                            && node.Children.TryGetValue(span[..^suf.Length], out var stripped) && stripped.Values is not null)
                        {
                            foreach (var (v, exact) in stripped.Values)
                                if (exact.Length == 0) sink.OnMatch(v, -(i + 1));
                            break;
                        }
                    }
                }
                return;
            }
            // Tokens of a phrase must follow each other on one line.
            if (i > at && tokens[i].Is(TokenFlags.LineStart)) return;
            node = next;
            if (node.Values is not null)
            {
                foreach (var (v, exact) in node.Values)
                {
                    if (exact.Length > 0 && !ExactOk(text, tokens, at, exact)) continue;
                    sink.OnMatch(v, i + 1);
                }
            }
        }
    }

    /// <summary>The values of a one-word phrase written as <paramref name="word"/> (exact-case entries only when spelled so).</summary>
    public bool TryGetWord(ReadOnlySpan<char> word, out List<T> values)
    {
        values = [];
        if (_root.Children is null || !_root.Children.TryGetValue(word, out var node) || node.Values is null) return false;
        foreach (var (v, exact) in node.Values)
            if (exact.Length == 0 || word.SequenceEqual(exact[0])) values.Add(v);
        return values.Count > 0;
    }

    private static bool ExactOk(string text, ReadOnlySpan<Token> tokens, int at, string[] exact)
    {
        for (int k = 0; k < exact.Length; k++)
            if (exact[k] is { } e && !tokens[at + k].Span(text).SequenceEqual(e)) return false;
        return true;
    }
}

/// <summary>Receives the matches of <see cref="PhraseTrie{T}.MatchAt{TSink}"/>: the value and the exclusive end token
/// (negated for a match found only after stripping a suffix).</summary>
public interface IMatchSink<in TValue>
{
    void OnMatch(TValue value, int end);
}
