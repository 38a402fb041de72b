namespace Tally.Text;

public enum TokenKind : byte { Word, Number, Punct }

[Flags]
public enum TokenFlags : byte
{
    None = 0,
    /// <summary>First letter is upper case.</summary>
    Capitalized = 1,
    /// <summary>Every letter is upper case (an acronym such as TNI).</summary>
    AllCaps = 2,
    /// <summary>Whitespace stands before the token.</summary>
    SpaceBefore = 4,
    /// <summary>A line break stands before the token (or it opens the text).</summary>
    LineStart = 8,
    /// <summary>A word with a hyphen inside ("luka-luka", "twenty-five", "Gaza-Egypt").</summary>
    Hyphenated = 16,
}

/// <summary>A token is a span of the text: nothing is copied.</summary>
public readonly record struct Token(int Start, int Length, TokenKind Kind, TokenFlags Flags)
{
    /// <summary>The token's <see cref="FoldedHash"/>, for lexicon lookups.</summary>
    public int Hash { get; init; }

    public int End => Start + Length;
    public bool Is(TokenFlags f) => (Flags & f) == f;
    public ReadOnlySpan<char> Span(string text) => text.AsSpan(Start, Length);
}
