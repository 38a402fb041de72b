using Tally.Languages;

namespace Tally.Text;

/// <summary>
/// Named questions about a token's context in an analysed text, in place of raw layer lookups
/// (<c>a[LexKind.Syntax].EndsAt(t, out var h) &amp;&amp; h.HasSyntax(...)</c>). Each is one or two binary searches
/// over a layer, allocates nothing and takes no delegate, so they are fit for per-token loops.
/// </summary>
/// <remarks>
/// Tokens are indices into <see cref="AnalyzedText.Tokens"/>; a token out of range is never preceded by, starts or lies
/// in a phrase (the answer is <c>false</c>). For a span ending at <c>end</c>, "the span is followed by a phrase" is
/// <see cref="StartsWith(AnalyzedText, int, SyntaxRole)"/> at <c>end</c>.
/// </remarks>
public static class TextPredicates
{
    // ---- Phrases of syntax.tsv ----

    /// <summary>
    /// A syntax phrase of this role ends right before <paramref name="token"/> (its last token is <c>token - 1</c>):
    /// <c>PrecededBy(t, SyntaxRole.Preposition)</c> is "after a preposition" ("di Gaza", "in the" + "Kharkiv region" when
    /// "in the" is one phrase).
    /// </summary>
    public static bool PrecededBy(this AnalyzedText a, int token, SyntaxRole role) => a.PrecededBy(token, role, out _);

    /// <inheritdoc cref="PrecededBy(AnalyzedText, int, SyntaxRole)"/>
    /// <param name="phrase">The phrase (default when the answer is false).</param>
    public static bool PrecededBy(this AnalyzedText a, int token, SyntaxRole role, out Hit phrase)
    {
        if (token > 0 && a[LexKind.Syntax].EndsAt(token, out phrase) && phrase.HasSyntax(role)) return true;
        phrase = default;
        return false;
    }

    /// <summary>A syntax phrase of one of these roles ends right before <paramref name="token"/>.</summary>
    public static bool PrecededByAny(this AnalyzedText a, int token, params ReadOnlySpan<SyntaxRole> roles) =>
        token > 0 && a[LexKind.Syntax].EndsAt(token, out var phrase) && HasAny(phrase, roles);

    /// <summary>"After a preposition": a preposition of syntax.tsv ("di", "ke", "in", "in the") ends right before
    /// <paramref name="token"/>. The same as <c>PrecededBy(token, SyntaxRole.Preposition)</c>.</summary>
    public static bool AfterPreposition(this AnalyzedText a, int token) => a.PrecededBy(token, SyntaxRole.Preposition);

    /// <summary>A syntax phrase of this role starts at <paramref name="token"/> ("yang", "which", a conjunction).</summary>
    public static bool StartsWith(this AnalyzedText a, int token, SyntaxRole role) => a.StartsWith(token, role, out _);

    /// <inheritdoc cref="StartsWith(AnalyzedText, int, SyntaxRole)"/>
    /// <param name="phrase">The phrase (default when the answer is false).</param>
    public static bool StartsWith(this AnalyzedText a, int token, SyntaxRole role, out Hit phrase)
    {
        if (a[LexKind.Syntax].StartsAt(token, out phrase) && phrase.HasSyntax(role)) return true;
        phrase = default;
        return false;
    }

    /// <summary>A syntax phrase of one of these roles starts at <paramref name="token"/>.</summary>
    public static bool StartsWithAny(this AnalyzedText a, int token, params ReadOnlySpan<SyntaxRole> roles) =>
        a.StartsWithAny(token, out _, roles);

    /// <inheritdoc cref="StartsWithAny(AnalyzedText, int, ReadOnlySpan{SyntaxRole})"/>
    /// <param name="phrase">The phrase (default when the answer is false).</param>
    public static bool StartsWithAny(this AnalyzedText a, int token, out Hit phrase, params ReadOnlySpan<SyntaxRole> roles)
    {
        if (a[LexKind.Syntax].StartsAt(token, out phrase) && HasAny(phrase, roles)) return true;
        phrase = default;
        return false;
    }

    /// <summary><paramref name="token"/> lies in a syntax phrase of this role (anywhere in it).</summary>
    public static bool InPhrase(this AnalyzedText a, int token, SyntaxRole role) =>
        a[LexKind.Syntax].Covers(token, out var phrase) && phrase.HasSyntax(role);

    /// <summary><paramref name="token"/> lies in a syntax phrase of one of these roles.</summary>
    public static bool InPhraseAny(this AnalyzedText a, int token, params ReadOnlySpan<SyntaxRole> roles) =>
        a[LexKind.Syntax].Covers(token, out var phrase) && HasAny(phrase, roles);

    // ---- Words of speakers.tsv ----

    /// <summary>The speaker word or phrase (speakers.tsv) covering <paramref name="token"/>.</summary>
    public static bool SpeakerAt(this AnalyzedText a, int token, out Hit hit) => a[LexKind.Speaker].Covers(token, out hit);

    /// <summary>The speaker word or phrase (speakers.tsv) that starts at <paramref name="token"/>.</summary>
    public static bool SpeakerStartsAt(this AnalyzedText a, int token, out Hit hit) => a[LexKind.Speaker].StartsAt(token, out hit);

    // ---- Layout ----

    /// <summary>
    /// The dash of a date-line ("JAKARTA, KOMPAS.com -", "Kyiv, 23 Des (ANTARA) -"): a spaced dash within the first twelve
    /// tokens after <paramref name="first"/> and before <paramref name="limit"/>; -1 when there is none.
    /// </summary>
    public static int DateLineDash(this AnalyzedText a, int first, int limit)
    {
        for (int k = first + 1; k < Math.Min(limit, first + 12); k++)
            if (a.Tokens[k].Kind == TokenKind.Punct && a.Text[a.Tokens[k].Start] is '-' or '–' or '—' && a.Tokens[k].Is(TokenFlags.SpaceBefore))
                return k;
        return -1;
    }

    // ---- Any layer ----

    /// <summary><paramref name="token"/> is (part of) a word of this layer: <c>a.Is(t, LexKind.Month)</c>, "t is a month".</summary>
    public static bool Is(this AnalyzedText a, int token, LexKind kind) => a[kind].Covers(token, out _);

    /// <summary>One of the phrase's entries has one of the roles.</summary>
    private static bool HasAny(Hit phrase, ReadOnlySpan<SyntaxRole> roles)
    {
        foreach (var e in phrase.Entries)
            foreach (var r in roles)
                if (e.Syntax == r) return true;
        return false;
    }
}
