using Tally.Gazetteer;
using Tally.Languages;
using Tally.Text;

namespace Tally.Extraction.Stages;

/// <summary>
/// Keeps the figures that count people: a people noun follows ("600 tentara", "seven civilians", "4.000 lainnya"),
/// or a category word does ("50 tewas", "1,234 dead"), or the figure stands alone after a category word
/// ("korban hilang ada 39", "death toll rose to 1,234"). Things (drones, houses), units (years, percent) are dropped.
/// Also reads the affected party's phrase.
/// </summary>
public static class PeopleStage
{
    private const int MaxPreModifiers = 3;
    private const int MaxPartyTokens = 6;
    private const int LeftFrameWindow = 16;

    public static List<Candidate> Run(DocumentContext ctx, List<CountMention> mentions)
    {
        var a = ctx.Text;
        var result = new List<Candidate>(mentions.Count);
        bool adjectivesBefore = ctx.Language.Adjectives == AdjectivePosition.Before;
        for (int m = 0; m < mentions.Count; m++)
        {
            var mention = mentions[m];
            var c = new Candidate { Mention = mention, InTitle = ctx.InTitle(mention.Sentence) };
            result.Add(c);
            if (mention.ZeroCategory is not null) continue;
            var sent = a.Sentences[mention.Sentence];
            int e = mention.End;

            // Units and things right after the figure: "11 rumah", "10 bulan", "72,3 persen".
            if (a[LexKind.Unit].StartsAt(e, out var unit) && unit.Entries.Any(x => x.UnitPosition != UnitPosition.Before) && !(a[LexKind.People].StartsAt(e, out var ph) && ph.End > unit.End))
            {
                c.Dropped = $"not people: {a.Slice(unit.Start, unit.End)} ({unit.Entry.Origin})";
                continue;
            }

            int j = e;
            // "three of our members", "two of the victims".
            int skipped = 0;
            while (skipped < 3 && j < sent.EndToken && IsFiller(a, j, out var fEnd) && !a[LexKind.People].StartsAt(j, out _)) { j = fEnd; skipped++; }
            // English-style adjectives before the noun: "two North Korean soldiers", "seven unarmed civilians".
            if (adjectivesBefore)
            {
                int mods = 0;
                while (mods < MaxPreModifiers && j < sent.EndToken && !(a[LexKind.People].StartsAt(j, out var ph0) && ph0.Entry.PeopleKind != PeopleKind.Modifier))
                {
                    if (ctx.GeoAt[j] >= 0 && ctx.Geo[ctx.GeoAt[j]].Start == j) { j = ctx.Geo[ctx.GeoAt[j]].End; mods++; continue; }
                    if (a[LexKind.People].StartsAt(j, out var mod) && mod.Entry.PeopleKind == PeopleKind.Modifier) { j = mod.End; mods++; continue; }
                    var tok = a.Tokens[j];
                    // A capitalised word ("North Korean") or a hyphenated adjective ("off-duty", "pro-government").
                    if (tok.Kind == TokenKind.Word && (tok.Is(TokenFlags.Capitalized) || (tok.Span(a.Text).Contains('-') && !tok.Is(TokenFlags.Capitalized)))
                        && !a[LexKind.Category].StartsAt(j, out _) && !a[LexKind.Month].StartsAt(j, out _) && !a[LexKind.Unit].StartsAt(j, out _))
                    {
                        j++; mods++; continue;
                    }
                    break;
                }
                if (a[LexKind.Unit].StartsAt(j, out var u2) && u2.Entries.Any(x => x.UnitPosition != UnitPosition.Before) && !a[LexKind.People].StartsAt(j, out _))
                {
                    c.Dropped = $"not people: {a.Slice(u2.Start, u2.End)} ({u2.Entry.Origin})";
                    continue;
                }
            }

            if (j < sent.EndToken && a[LexKind.People].StartsAt(j, out var noun) && noun.Entry.PeopleKind != PeopleKind.Modifier)
            {
                c.Noun = noun.Entry;
                c.NounStart = noun.Start;
                c.NounEnd = noun.End;
                c.PartyStart = adjectivesBefore ? e : noun.Start;
                c.PartyEnd = noun.Entry.PeopleKind is PeopleKind.Anaphor or PeopleKind.Partitive ? noun.End : ExtendParty(ctx, noun.End, sent.EndToken);
                while (c.PartyStart < c.NounStart && IsFiller(a, c.PartyStart, out var fe)) c.PartyStart = fe;
                // "1.000 orang lebih", "70 ribu jiwa lebih": a bound written after the noun.
                if (mention.High is not null && mention.Low == mention.High && !mention.Approximate && !mention.Vague
                    && a[LexKind.Qualifier].StartsAt(noun.End, out var post) && post.Entries.Any(x => x.PostPosition && x.Qualifier == QualifierKind.Min))
                    mention.High = null;
                continue;
            }

            // No noun: a category word must follow at once, or the figure must stand alone after one.
            if (CueFollows(a, e, sent.EndToken)) continue;
            if (StandsAlone(a, e, sent.EndToken)
                && (CueBefore(a, mention.Start, Math.Max(sent.FirstToken, PreviousEnd(mentions, m, sent.FirstToken))) || ListedAfterPeople(a, result, mention)))
                continue;
            if (EarlierValueOrPart(a, result, mention)) continue;
            c.Dropped = "no people noun or category word";
        }
        return result;
    }

    /// <summary>Tokens between a people figure and a bare earlier value of it ("6.420 orang ... berbanding 6.375").</summary>
    private const int ComparisonReach = 12;

    /// <summary>
    /// "naik menjadi 6.420 orang berbanding 6.375", "17 orang dari yang sebelumnya 13", "up to 1,234 from 844": a bare
    /// figure after a word that marks an earlier value (syntax.tsv's "previous") is that earlier value of the people
    /// figure before it in the sentence; "132 civilians were killed, including 72 in Tartus": one after a word of
    /// inclusion ("including") is a part of it.
    /// </summary>
    private static bool EarlierValueOrPart(AnalyzedText a, List<Candidate> sofar, CountMention m)
    {
        if (!a.PrecededBy(m.Start, SyntaxRole.Previous, out var marker) && !a.PrecededBy(m.Start, SyntaxRole.Including, out marker)) return false;
        for (int k = sofar.Count - 2; k >= 0; k--)
        {
            var p = sofar[k];
            if (p.Sentence != m.Sentence) return false;
            if (!p.IsLive || !p.HasNoun || p.Mention.End > marker.Start) continue;
            return marker.Start - Math.Max(p.Mention.End, p.PartyEnd) <= ComparisonReach;
        }
        return false;
    }

    /// <summary>"risen to 1,234, from 844": a bare figure right after a people figure of the same sentence.</summary>
    private static bool ListedAfterPeople(AnalyzedText a, List<Candidate> sofar, CountMention m)
    {
        if (sofar.Count < 2) return false;
        var prev = sofar[^2];
        if (!prev.IsLive || prev.Sentence != m.Sentence) return false;
        int from = Math.Max(prev.Mention.End, prev.PartyEnd);
        // "three were killed in Kyiv and five in Kharkiv": a bare figure after a conjunction repeats the clause before it;
        // so does one in brackets after a name ("13,212 orang, diikuti Batu Pahat (9,870), Kluang (6,002)").
        if (m.Start - from <= 12 && m.Start > 0 && (a.IsPunct(m.Start - 1, ',') || a.IsPunct(m.Start - 1, '(') || (a[LexKind.Qualifier].EndsAt(m.Start, out var conj) && conj.Entries.Any(x => x.Qualifier == QualifierKind.And))))
        {
            bool clean = true;
            for (int t = from; t < m.Start - 1 && clean; t++)
                if (a.InPhraseAny(t, SyntaxRole.Relative, SyntaxRole.Clause, SyntaxRole.Breaker)) clean = false;
                else if (a.Is(t, LexKind.Reporting)) clean = false;
            if (clean) return true;
        }
        if (m.Start - from > 3) return false;
        for (int t = from; t < m.Start; t++)
        {
            if (a.Tokens[t].Kind == TokenKind.Punct) { if (a.Text[a.Tokens[t].Start] is not (',' or '(')) return false; continue; }
            if (a.InPhraseAny(t, SyntaxRole.Relative, SyntaxRole.Clause, SyntaxRole.Breaker)) return false;
            if (a.Is(t, LexKind.Reporting) || a.Is(t, LexKind.Category)) return false;
        }
        return true;
    }

    private static int PreviousEnd(List<CountMention> mentions, int m, int floor) =>
        m > 0 && mentions[m - 1].Sentence == mentions[m].Sentence ? Math.Max(floor, mentions[m - 1].End) : floor;

    private static bool IsFiller(AnalyzedText a, int t, out int end)
    {
        end = t;
        if (a.StartsWith(t, SyntaxRole.Filler, out var h)) { end = h.End; return true; }
        return false;
    }

    /// <summary>After the noun: names, countries, organisations and modifiers ("tentara Korea Utara", "prajurit TNI", "warga sipil Palestina").</summary>
    internal static int ExtendParty(DocumentContext ctx, int from, int limit)
    {
        var a = ctx.Text;
        int k = from, taken = 0;
        while (k < limit && taken < MaxPartyTokens)
        {
            if (ctx.GeoAt[k] >= 0 && ctx.Geo[ctx.GeoAt[k]].Start == k) { k = ctx.Geo[ctx.GeoAt[k]].End; taken++; continue; }
            if (a[LexKind.People].StartsAt(k, out var p) && p.Entry.PeopleKind is PeopleKind.Modifier or PeopleKind.Specific)
            { k = p.End; taken++; continue; }
            var t = a.Tokens[k];
            if (t.Kind == TokenKind.Word && (t.Is(TokenFlags.AllCaps) || t.Is(TokenFlags.Capitalized))
                && !a.Is(k, LexKind.Category) && !a.Is(k, LexKind.Reporting) && !a.Is(k, LexKind.Hedge)
                && !a.Is(k, LexKind.Month) && !a.Is(k, LexKind.Weekday) && !a.Is(k, LexKind.Number)
                && !a.Is(k, LexKind.Vague))
            { k++; taken++; continue; }
            break;
        }
        return k;
    }

    /// <summary>"50 tewas", "600 yang kehilangan nyawa", "1,234 dead", "80,000 injured".</summary>
    private static bool CueFollows(AnalyzedText a, int e, int limit)
    {
        int j = e;
        for (int skips = 0; skips < 3 && j < limit; skips++)
        {
            if (a[LexKind.Category].StartsAt(j, out var cue) && cue.Entry.Direction != CueDirection.Pre) return true;
            if (a.StartsWithAny(j, out var s, SyntaxRole.Relative, SyntaxRole.Filler)) { j = s.End; continue; }
            if (a[LexKind.Hedge].StartsAt(j, out var h)) { j = h.End; continue; }
            break;
        }
        return false;
    }

    /// <summary>The figure ends its clause: punctuation, a conjunction, or the end of the sentence follows.</summary>
    private static bool StandsAlone(AnalyzedText a, int e, int limit)
    {
        if (e >= limit) return true;
        var t = a.Tokens[e];
        if (t.Kind == TokenKind.Punct) return a.Text[t.Start] is not ('%' or '/' or '-' or '–');
        if (a[LexKind.Qualifier].StartsAt(e, out var q) && q.Entries.Any(x => x.Qualifier is QualifierKind.And)) return true;
        if (a.StartsWithAny(e, SyntaxRole.Breaker, SyntaxRole.Clause, SyntaxRole.Preposition)) return true;
        return false;
    }

    private static bool CueBefore(AnalyzedText a, int start, int floor)
    {
        int from = Math.Max(floor, start - LeftFrameWindow);
        foreach (var h in a[LexKind.Category].Within(from, start))
            if (h.Entry.Direction != CueDirection.Post && h.Entry.Strength != CueStrength.None) return true;
        return false;
    }
}
