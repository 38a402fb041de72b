using System.Collections.Frozen;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Gazetteer;

/// <summary>
/// Finds the gazetteer's names in an analysed text and settles what they are: which written forms count (capitals,
/// acronyms, street and river names, words for a town or an area), which of several places of one name is meant
/// (<see cref="Disambiguate"/>: the document's main country, pairs such as "Rafah, Gaza"), and whether a people's name
/// is a nationality rather than a place (<see cref="IsNationality"/>). The names themselves are <see cref="Gazetteer"/>'s.
/// </summary>
public static class PlaceResolver
{
    private struct MatchState : IMatchSink<GeoGroup>
    {
        public GeoGroup? Best;
        public int End;
        public List<GeoGroup>? Extra;

        /// <summary>The longest names; every group of that length.</summary>
        public void OnMatch(GeoGroup g, int end)
        {
            if (end < 0) return;
            if (end > End) { End = end; Best = g; Extra?.Clear(); }
            else if (end == End) (Extra ??= []).Add(g);
        }
    }

    /// <summary>
    /// Every gazetteer name in a text, longest first, left to right. Place names must be written with a capital;
    /// entries limited to other languages are dropped.
    /// </summary>
    public static GeoHit[] Find(Gazetteer gazetteer, AnalyzedText a)
    {
        var result = t_hits ??= [];
        var candidates = t_candidates ??= [];
        result.Clear();
        var tokens = a.Tokens;
        var lang = a.Language.Code;
        int i = 0;
        var state = new MatchState();
        while (i < tokens.Length)
        {
            if (tokens[i].Kind != TokenKind.Word) { i++; continue; }
            state.Best = null; state.End = 0; state.Extra?.Clear();
            // A word in lower case can only open a name the gazetteer writes in lower case, unless a capital inside it makes
            // it a name ("al-Qassam").
            bool lower = !tokens[i].Is(TokenFlags.Capitalized) && !tokens[i].Is(TokenFlags.AllCaps) && !InnerCapital(a, i);
            (lower ? gazetteer.LowerTrie : gazetteer.Trie).MatchAt(a.Text, tokens, i, ref state);
            if (state.Best is null)
            {
                if (HyphenPart(gazetteer, a, i) is { } part) result.Add(part);
                i++; continue;
            }
            candidates.Clear();
            bool capital = tokens[i].Is(TokenFlags.Capitalized);
            var filter = new NameFilter
            {
                Language = lang,
                Capital = capital,
                // A name the gazetteer writes with a lower-case first word ("central Gaza", "wilayah Kursk") matches in
                // lower case when its last word is capitalised.
                LowerName = !capital && state.End > i + 1 && tokens[state.End - 1].Is(TokenFlags.Capitalized),
                // (A word in lower case that is not "lower" had an inner capital already.)
                InnerCapital = !lower && (!capital && !tokens[i].Is(TokenFlags.AllCaps) || InnerCapital(a, i)),
            };
            // What rules out a place is asked only when a place is among the names (most hits are countries and peoples).
            if (filter.MayBePlace(state.Best) || AnyPlace(filter, state.Extra))
            {
                // A name that opens a longer phrase of the language ("Juru bicara": a spokesperson, not the town Juru) is not
                // a place. A short all-capitals word is an acronym (NIS, TNI), never a place; nor is a name inside a
                // street's name ("Jalan Silang", "Jalan Diponegoro", "Salah al-Din Street") or a river's ("Sungai Pahang").
                filter = filter with
                {
                    Phrase = OpensLongerPhrase(a, i, state.End),
                    Acronym = state.End == i + 1 && tokens[i].Is(TokenFlags.AllCaps) && tokens[i].Length <= 4,
                    Street = IsNameWord(a, i - 1, SyntaxRole.Street) || IsNameWord(a, state.End, SyntaxRole.Street),
                };
            }
            int whole = filter.Take(state.Best, candidates);
            if (state.Extra is { Count: > 0 }) foreach (var g in state.Extra) { filter.Take(g, candidates); whole = -1; }
            if (candidates.Count == 0) { i++; continue; }
            bool places = candidates.Exists(e => e.Kind is GeoKind.Place or GeoKind.Capital);
            // "Sungai Pahang", "the Pahang River": a river named after the place, in the place's country; the hit spans
            // the river's name and is only a place of last resort.
            int feature = !places ? 0 : IsNameWord(a, i - 1, SyntaxRole.Feature) ? -1 : IsNameWord(a, state.End, SyntaxRole.Feature) ? 1 : 0;
            // "kota Sagaing", "Sagaing town" / "wilayah Sagaing", "Sagaing region": a word for a town or for an area next
            // to the name chooses between a town and the area that share it.
            if (places && KindWord(a, i, state.End) is { } kind && WantedFirst(candidates, kind)) whole = -1;
            if (feature != 0)
                result.Add(new GeoHit(feature < 0 ? i - 1 : i, feature > 0 ? state.End + 1 : state.End, candidates.Where(e => e.Kind is GeoKind.Place or GeoKind.Capital).ToArray()) { Feature = true });
            // Every entry of the one group kept as it is: its own (immutable) array serves.
            else result.Add(new GeoHit(i, state.End, whole == state.Best.Entries.Length ? state.Best.Entries : candidates.ToArray()));
            i = state.End;
        }
        var hits = result.Count == 0 ? [] : result.ToArray();
        // Do not keep a huge document's hits alive.
        if (result.Count > 4096) t_hits = null;
        return hits;

        static bool AnyPlace(in NameFilter filter, List<GeoGroup>? extra)
        {
            if (extra is null) return false;
            foreach (var g in extra) if (filter.MayBePlace(g)) return true;
            return false;
        }

        // (Its own method: a lambda capturing the kind inside the loop would cost an allocation at every token.)
        static bool WantedFirst(List<GeoEntry> candidates, SyntaxRole kind)
        {
            if (!candidates.Exists(e => e.Kind is GeoKind.Place or GeoKind.Capital && Wanted(e, kind))) return false;
            // A stable sort: the wanted kind of place first, the rest in their order.
            var ordered = candidates.OrderBy(e => e.Kind is GeoKind.Place or GeoKind.Capital && !Wanted(e, kind) ? 1 : 0).ToList();
            candidates.Clear();
            candidates.AddRange(ordered);
            return true;
        }

        static bool Wanted(GeoEntry e, SyntaxRole kind) => kind == SyntaxRole.Town ? e.PlaceKind is "city" or "capital" : e.IsAdminArea || e.PlaceKind == "region";
    }

    // Scratch lists per thread: only the hits' arrays are allocated.
    [ThreadStatic] private static List<GeoHit>? t_hits;
    [ThreadStatic] private static List<GeoEntry>? t_candidates;

    /// <summary>How a matched name is written where it was found, and which of its entries that allows.</summary>
    private readonly record struct NameFilter
    {
        public required string Language { get; init; }
        public bool Capital { get; init; }
        public bool LowerName { get; init; }
        public bool Phrase { get; init; }
        public bool Acronym { get; init; }
        public bool Street { get; init; }
        public bool InnerCapital { get; init; }

        /// <summary>Adds the group's entries the text allows to <paramref name="into"/>; returns how many.</summary>
        public int Take(GeoGroup g, List<GeoEntry> into)
        {
            int n = 0;
            foreach (var e in g.Entries)
            {
                if (e.Languages is { } ls && !ls.Contains(Language)) continue;
                if (e.Kind is GeoKind.Place or GeoKind.Capital && (!(Capital || LowerName && char.IsLower(e.Name[0])) || Acronym || Street || Phrase)) continue;
                // Names are capitalised; a lower-case match is a common word unless the name itself is written so ("al-Shabaab").
                if (e.Kind is GeoKind.Country or GeoKind.Demonym or GeoKind.Organization && !Capital && !e.CaseSensitive && !char.IsLower(e.Name[0]) && !InnerCapital) continue;
                into.Add(e);
                n++;
            }
            return n;
        }

        /// <summary>Could one of the group's entries be taken as a place, as the name is written?</summary>
        public bool MayBePlace(GeoGroup g)
        {
            foreach (var e in g.Entries)
                if (e.Kind is GeoKind.Place or GeoKind.Capital && (e.Languages is not { } ls || ls.Contains(Language))
                    && (Capital || LowerName && char.IsLower(e.Name[0])))
                    return true;
            return false;
        }
    }

    private static readonly LexKind[] PhraseKinds = [LexKind.Speaker, LexKind.People];

    private static bool OpensLongerPhrase(AnalyzedText a, int start, int end)
    {
        foreach (var k in PhraseKinds)
            if (a[k].StartsAt(start, out var h) && h.End > end) return true;
        return false;
    }

    /// <summary>
    /// A hyphenated pair of names written as one word ("the Gaza-Egypt border"): its first part that is a place below a
    /// country stands for the word. Pairs of countries ("the Russia-Ukraine war", "Israel-Hamas") name a conflict, not a place.
    /// </summary>
    private static GeoHit? HyphenPart(Gazetteer gazetteer, AnalyzedText a, int t)
    {
        var tok = a.Tokens[t];
        if (tok.Kind != TokenKind.Word || !tok.Is(TokenFlags.Capitalized) || !tok.Is(TokenFlags.Hyphenated)) return null;
        var word = a.Text.AsSpan(tok.Start, tok.Length);
        if (word.IndexOf('-') <= 0) return null;
        var lang = a.Language.Code;
        int from = 0;
        while (from < word.Length)
        {
            int dash = word[from..].IndexOf('-');
            var part = dash < 0 ? word[from..] : word.Slice(from, dash);
            int partStart = tok.Start + from;
            from = dash < 0 ? word.Length : from + dash + 1;
            if (part.Length < 3 || !char.IsUpper(part[0])) continue;
            if (!gazetteer.Trie.TryGetWord(part, out var groups)) continue;
            var cands = groups.SelectMany(g => g.Entries).Where(e => e.Kind is GeoKind.Place or GeoKind.Capital or GeoKind.Country or GeoKind.Demonym
                && (e.Languages is not { } ls || ls.Contains(lang))).ToArray();
            if (cands.Length == 0) continue;
            if (cands.Any(e => e.Kind is GeoKind.Place) && !cands.Any(e => e.Kind is GeoKind.Country or GeoKind.Demonym))
                return new GeoHit(t, t + 1, cands) { Name = a.Text.Substring(partStart, part.Length) };
        }
        return null;
    }

    private static SyntaxRole? KindWord(AnalyzedText a, int start, int end)
    {
        var syntax = a[LexKind.Syntax];
        foreach (var role in (ReadOnlySpan<SyntaxRole>)[SyntaxRole.Town, SyntaxRole.Area])
            if (start > 0 && syntax.EndsAt(start, out var h) && h.HasSyntax(role)
                || end < a.Tokens.Length && syntax.StartsAt(end, out h) && h.HasSyntax(role))
                return role;
        return null;
    }

    private static bool IsNameWord(AnalyzedText a, int t, SyntaxRole role) =>
        t >= 0 && t < a.Tokens.Length && a[LexKind.Syntax].Covers(t, out var h) && h.Start == t && h.End == t + 1 && h.HasSyntax(role);

    private static bool InnerCapital(AnalyzedText a, int t)
    {
        var s = a.Span(t);
        for (int k = 1; k < s.Length; k++) if (char.IsUpper(s[k])) return true;
        return false;
    }

    /// <summary>
    /// Places in context. A place followed by a comma and a country or an area of the same country ("Alexandria,
    /// Virginia", "Santa Cruz, Bolivia") is the one in that country. The document's country (from its country names,
    /// organisations and unambiguous places; a nationality — "Russian shelling", "tentara Rusia" — does not vote; with
    /// no vote, the country of the text's language) decides between places that share a name ("Jayapura" the city or
    /// the regency; "Ternate" in Maluku Utara or in the Philippines; "Georgia" the US state in a text about the US), and
    /// a small foreign town that happens to share a word with the text is dropped unless a preposition marks it as a place.
    /// </summary>
    public static GeoHit[] Disambiguate(GeoHit[] hits, AnalyzedText? a = null)
    {
        if (a is not null) hits = ResolvePairs(hits, a);
        var votes = new Dictionary<string, int>();
        var nationalities = new Dictionary<string, int>();
        foreach (var h in hits)
        {
            bool strong = h.Candidates.Any(c => c.Kind is GeoKind.Country or GeoKind.Demonym || (c.Kind == GeoKind.Organization && c.Country is not null));
            if (OnlyCountry(h) is { } country && (strong || h.Candidates.Any(c => c.IsAdminArea || c.Population >= 1_000_000 || c.PlaceKind == "capital")))
            {
                var into = a is not null && IsNationality(a, h) ? nationalities : votes;
                into[country] = into.GetValueOrDefault(country) + 1;
            }
        }
        var main = votes.Count == 0 ? null : votes.OrderByDescending(kv => kv.Value).First().Key;
        // Without a vote, the nationalities named ("the Lebanese army"), else the text's own country (an Indonesian
        // text's "Ternate" is the Indonesian city): these only order the candidates, they drop nothing.
        bool voted = main is not null;
        if (main is null && nationalities.Count > 0) main = nationalities.OrderByDescending(kv => kv.Value).First().Key;
        if (main is null && a is not null && a.Language.HomeCountry is { } home) main = home;
        var result = new List<GeoHit>(hits.Length);
        foreach (var h in hits)
        {
            if (main is null || h.Candidates.Any(c => c.Kind is GeoKind.Demonym or GeoKind.Organization))
            {
                result.Add(h);
                continue;
            }
            if (h.Candidates.Any(c => c.Kind is GeoKind.Country))
            {
                // "Georgia" in a text about the US: the state, not the country.
                if (voted && !h.Candidates.Any(c => c.Kind == GeoKind.Country && c.Country == main)
                    && h.Candidates.Any(c => c.Kind == GeoKind.Place && c.Country == main && c.IsAdminArea))
                    result.Add(h with { Candidates = h.Candidates.Where(c => c.Kind != GeoKind.Country).OrderBy(c => c.Country == main ? 0 : 1).ToArray() });
                else result.Add(h);
                continue;
            }
            int localCount = 0;
            foreach (var c in h.Candidates) if (c.Country == main) localCount++;
            // Every candidate in the document's country: nothing to reorder.
            if (localCount == h.Candidates.Length) { result.Add(h); continue; }
            var local = localCount == 0 ? [] : h.Candidates.Where(c => c.Country == main).ToArray();
            if (local.Length > 0)
            {
                // A local hamlet does not beat a foreign city of a million ("Donetsk" in a text about Russia).
                var bigLocal = local.Max(c => c.IsAdminArea || c.PlaceKind == "capital" ? long.MaxValue : c.Population);
                bool foreignFirst = bigLocal < 100_000 && h.Candidates.Any(c => c.Country != main && c.Population >= Math.Max(1_000_000, 10 * bigLocal));
                result.Add(foreignFirst ? h : h with { Candidates = local.Concat(h.Candidates.Where(c => c.Country != main)).ToArray() });
                continue;
            }
            if (!voted || a is not null && a.AfterPreposition(h.Start)) { result.Add(h); continue; }
            // Only foreign places: keep those that matter beyond their town.
            var notable = h.Candidates.Where(c => c.IsAdminArea || c.PlaceKind == "capital" || c.Population >= 100_000).ToArray();
            if (notable.Length > 0) result.Add(h with { Candidates = notable });
        }
        return result.ToArray();
    }

    /// <summary>The one country all of a hit's candidates lie in (null: none, or several).</summary>
    private static string? OnlyCountry(GeoHit h)
    {
        string? only = null;
        foreach (var c in h.Candidates)
        {
            if (c.Country is not { } cc) continue;
            if (only is null) only = cc;
            else if (only != cc) return null;
        }
        return only;
    }


    /// <summary>
    /// A people's name ("Russian", "Palestinians") or a country named right after a noun ("tentara Rusia", "serangan
    /// Israel"): whose people or forces, not where.
    /// </summary>
    public static bool IsNationality(AnalyzedText a, GeoHit h)
    {
        if (h.Candidates.All(c => c.Kind == GeoKind.Demonym)) return true;
        if (!h.Candidates.Any(c => c.Kind == GeoKind.Country) || h.Candidates.Any(c => c.Kind is GeoKind.Place or GeoKind.Capital)) return false;
        // Only where modifiers follow their noun ("tentara Rusia"); English puts adjectives first ("north-east England").
        if (a.Language.Adjectives != AdjectivePosition.After) return false;
        int t = h.Start;
        var syntax = a[LexKind.Syntax];
        while (t > 0 && a.Tokens[t - 1].Kind == TokenKind.Word)
        {
            if (!syntax.EndsAt(t, out var s)) return true;
            if (s.Entries.Any(e => e.Syntax is SyntaxRole.Preposition or SyntaxRole.Origin)) return false;
            if (s.HasSyntax(SyntaxRole.Filler)) { t = s.Start; continue; }
            return true;
        }
        return false;
    }

    /// <summary>
    /// "Kota Ternate, Maluku Utara", "Alexandria, Virginia", "Santa Cruz, Bolivia": a place, a comma, then a country or a
    /// first-level area (province, state, region) with a candidate in a country the place has too.
    /// </summary>
    public static bool Qualifies(AnalyzedText a, GeoHit inner, GeoHit outer) =>
        PairShape(a, inner, outer) && SharedCountries(inner, outer).Count > 0
        // A regency or district after a town ("Sentani, Kabupaten Jayapura") is a place of its own.
        && outer.Candidates.Any(c => c.Kind == GeoKind.Country || c.PlaceKind is "province" or "state" or "region");

    private static bool PairShape(AnalyzedText a, GeoHit inner, GeoHit outer) =>
        outer.Start == inner.End + 1 && a.IsPunct(inner.End, ',')
        && outer.Candidates.Any(c => c.Kind == GeoKind.Country || c.Kind == GeoKind.Place && (c.IsAdminArea || c.PlaceKind == "region"))
        && inner.Candidates.Any(c => c.Kind is GeoKind.Place or GeoKind.Capital) && !inner.Candidates.Any(c => c.Kind == GeoKind.Country);

    private static HashSet<string> SharedCountries(GeoHit inner, GeoHit outer)
    {
        var outerCountries = outer.Candidates.Where(c => c.Kind == GeoKind.Country || c.Kind == GeoKind.Place && (c.IsAdminArea || c.PlaceKind == "region"))
            .Select(c => c.Country).OfType<string>().ToHashSet();
        return inner.Candidates.Where(c => c.Kind is GeoKind.Place or GeoKind.Capital).Select(c => c.Country).OfType<string>().Where(outerCountries.Contains).ToHashSet();
    }

    private static GeoHit[] ResolvePairs(GeoHit[] hits, AnalyzedText a)
    {
        var result = (GeoHit[])hits.Clone();
        for (int k = 1; k < result.Length; k++)
        {
            var inner = result[k - 1];
            var outer = result[k];
            if (!PairShape(a, inner, outer)) continue;
            var shared = SharedCountries(inner, outer);
            if (shared.Count == 0) continue;
            // The place whose first-level division is the area named ("Alexandria" in Virginia) first.
            var areas = outer.Candidates.Where(c => c.Kind == GeoKind.Place && shared.Contains(c.Country!)).Select(c => c.Admin1).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
            result[k - 1] = inner with
            {
                Candidates = inner.Candidates.Where(c => c.Country is { } cc && shared.Contains(cc))
                    .OrderBy(c => c.Admin1 is { } a1 && areas.Contains(a1) ? 0 : 1).ToArray(),
            };
            if (!outer.Candidates.Any(c => c.Kind == GeoKind.Country))
                result[k] = outer with { Candidates = outer.Candidates.Where(c => c.Country is { } cc && shared.Contains(cc)).ToArray() };
        }
        return result;
    }
}
