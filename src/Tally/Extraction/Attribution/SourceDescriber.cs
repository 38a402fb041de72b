using Tally.Extraction.Stages;
using Tally.Gazetteer;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction.Attribution;

/// <summary>
/// Describes a source from its speaker span: the text as written, the person's name, the country and the kind of
/// source (from the gazetteer's organisations and speakers.tsv's bodies).
/// </summary>
internal static class SourceDescriber
{
    /// <summary>A speaker as written, with the person's name, country and kind.</summary>
    public static Source? Describe(DocumentContext ctx, (int Start, int End) span)
    {
        var a = ctx.Text;
        var (start, end) = span;
        if (end <= start) return null;
        var text = a.Slice(start, end).Trim().TrimEnd(',', '.');
        if (text.Length == 0) return null;
        string? country = null;
        SourceKind kind = SourceKind.Unspecified;
        bool international = false;
        foreach (var g in ctx.GeoWithin(start, end))
        {
            if (Surname(ctx, g.Start) || InsideSpeakerPhrase(ctx, g)) continue;
            var org = g.Best(GeoKind.Organization);
            if (org is not null)
            {
                if (kind == SourceKind.Unspecified) kind = org.SourceKind;
                if (org.Country is null && org.SourceKind is SourceKind.InternationalOrg or SourceKind.Media or SourceKind.Ngo) international = true;
            }
            country ??= g.Country;
        }
        if (kind == SourceKind.Unspecified)
        {
            // The last word of a kind decides, but a generic word ("official", "pejabat": weak in speakers.tsv) only when
            // no other word has one ("a hospital official" is the health authority).
            SourceKind weak = SourceKind.Unspecified;
            foreach (var h in a[LexKind.Speaker].Within(start, end))
                if (h.Entry.SpeakerRole == SpeakerRole.Body && h.Entry.SourceKind is var k)
                {
                    if (h.Entry.Strength == CueStrength.Weak) weak = k;
                    else kind = k;
                }
            if (kind == SourceKind.Unspecified) kind = weak;
        }
        if (country is null && !international && kind is not SourceKind.Media) country = PartyStage.MainCountry(ctx);
        return new Source(text, PersonName(ctx, start, end), country, kind);
    }

    /// <summary>The last run of capitalised words that are neither titles nor known names of places and organisations.</summary>
    private static string? PersonName(DocumentContext ctx, int start, int end)
    {
        var a = ctx.Text;
        string? best = null;
        bool adjectivesBefore = ctx.Language.Adjectives == AdjectivePosition.Before;
        int t = start;
        while (t < end)
        {
            if (!IsNamePart(ctx, t, end)) { t++; continue; }
            int s = t;
            while (t < end && IsNamePart(ctx, t, end)) t++;
            // A lone acronym is an organisation, not a person.
            if (t - s == 1 && a.Tokens[s].Is(TokenFlags.AllCaps)) continue;
            // "the Al-Awda hospital" where modifiers stand before their noun: the run names the noun, not a person.
            if (adjectivesBefore && t < end && a.Tokens[t].Kind == TokenKind.Word && !a.Tokens[t].Is(TokenFlags.Capitalized)
                && a.SpeakerAt(t, out var noun) && SpeakerRoles.IsDescriptionNoun(noun.Entry.SpeakerRole)) continue;
            // "Agensi Mencari dan Menyelamat Indonesia (Basarnas)": capitalised words before an acronym in brackets name an organisation.
            if (BeforeAcronym(ctx, t, end)) continue;
            best = a.Slice(s, t);
        }
        return best;
    }

    /// <summary>From <paramref name="t"/>, over capitalised words, names and links, an acronym in brackets follows.</summary>
    private static bool BeforeAcronym(DocumentContext ctx, int t, int end)
    {
        var a = ctx.Text;
        int k = t;
        while (k < end && (ctx.GeoAt[k] >= 0 || SpeakerSpan.IsLink(a, k) || (a.Tokens[k].Kind == TokenKind.Word && a.Tokens[k].Is(TokenFlags.Capitalized)))) k++;
        int n = a.Tokens.Length;
        if (k >= n || !a.IsPunct(k, '(')) return false;
        int c = k + 1;
        while (c < n && c - k <= 3 && a.Tokens[c].Kind == TokenKind.Word && (a.Tokens[c].Is(TokenFlags.Capitalized) || a.Tokens[c].Is(TokenFlags.AllCaps))) c++;
        return c > k + 1 && c < n && a.IsPunct(c, ')');
    }

    /// <summary>A place inside a longer speaker phrase is that phrase's word ("Juru" of "Juru bicara"), not a place.</summary>
    private static bool InsideSpeakerPhrase(DocumentContext ctx, GeoHit g) =>
        !g.Has(GeoKind.Organization) && ctx.Text.SpeakerAt(g.Start, out var h) && h.Start <= g.Start && h.End >= g.End && h.End - h.Start > g.End - g.Start;

    /// <summary>
    /// A town's name right after a first name is a surname ("Ali Hassan", "Nadav Shoham"): a one-word place (not a country,
    /// capital or organisation) after a capitalised word no lexicon or gazetteer knows.
    /// </summary>
    private static bool Surname(DocumentContext ctx, int t)
    {
        var a = ctx.Text;
        if (ctx.GeoAt[t] < 0 || t == 0) return false;
        var g = ctx.Geo[ctx.GeoAt[t]];
        if (g.Start != t || g.End != t + 1 || g.Candidates.Any(c => c.Kind != GeoKind.Place)) return false;
        int p = t - 1;
        var prev = a.Tokens[p];
        return prev.Kind == TokenKind.Word && prev.Is(TokenFlags.Capitalized) && !prev.Is(TokenFlags.AllCaps) && ctx.GeoAt[p] < 0
            && !a.SpeakerAt(p, out _) && !a.Language.IsStopword(prev.Span(a.Text))
            && !(a.SentenceOf(p) is var si && a.Sentences[si].FirstToken == p);
    }

    internal static bool IsNamePart(DocumentContext ctx, int t, int end)
    {
        var a = ctx.Text;
        var tok = a.Tokens[t];
        if (tok.Kind != TokenKind.Word || a.SpeakerAt(t, out _)) return false;
        if (ctx.GeoAt[t] >= 0) return Surname(ctx, t);
        if (tok.Is(TokenFlags.AllCaps)) return tok.Length <= 3 && t + 1 < end && a.Tokens[t + 1].Is(TokenFlags.Capitalized) && !a.Tokens[t + 1].Is(TokenFlags.AllCaps);
        return tok.Is(TokenFlags.Capitalized) || HasInnerCapital(tok.Span(a.Text));
    }

    internal static bool HasInnerCapital(ReadOnlySpan<char> s)
    {
        // "al-Mutawakal", "bin Laden"-like particles joined to a name.
        int dash = s.IndexOf('-');
        return dash > 0 && dash + 1 < s.Length && char.IsUpper(s[dash + 1]);
    }
}
