using Tally.Gazetteer;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction.Stages;

/// <summary>
/// Where the people were affected: a place named after the figure in its sentence (not the party's own
/// nationality: "tentara Korea Utara ... di Ukraina" is Ukraine), else the nearest before it, else a place inside the
/// sentence's speaker ("the Belgorod governor said"), else the paragraph's first place, else the document's main place.
/// A party's nationality is never the place by itself: with no place named, the place is unknown.
/// </summary>
public static class PlaceStage
{
    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        var a = ctx.Text;
        // "65 warga Bangladesh, 30 warga Myanmar dan 15 warga Indonesia": a country inside another figure's party is that
        // party's nationality, not a place.
        // (Each span list becomes, per token, the furthest end of a span starting at or before it: "inside one of the
        // spans" is then one lookup, whatever the number of figures and speakers.)
        var partyReach = new SpanReach(a.Tokens.Length);
        foreach (var x in candidates)
            if (x.IsLive && x.PartyEnd > x.PartyStart && x.PartyStart >= 0) partyReach.Add(x.PartyStart, x.PartyEnd);
        partyReach.Close();
        bool OtherParty(GeoHit g) => partyReach.Covers(g.Start, g.End);
        // "..., the UK Home Office said", "Libya's health ministry said": a place inside a speaker (or owning it) names who
        // spoke, not where the people were.
        var speakerReach = new SpanReach(a.Tokens.Length);
        var speakerStarts = new HashSet<int>();
        foreach (var f in ctx.Frames)
            if (f.SpeakerEnd > f.SpeakerStart) { speakerReach.Add(f.SpeakerStart, f.SpeakerEnd); speakerStarts.Add(f.SpeakerStart); }
        speakerReach.Close();
        bool InSpeaker(GeoHit g) =>
            speakerReach.Covers(g.Start, g.End) || IsPossessive(a, g.End) && speakerStarts.Contains(g.End + 1);
        // The paragraph's place depends only on the paragraph and the figure's own country: found once for each.
        var paragraphPick = new Dictionary<(int, string?), GeoHit?>();
        // The document's main place is the same for every figure: found once, when a figure first needs it.
        Place? main = null;
        bool mainFound = false;
        foreach (var c in candidates)
        {
            if (!c.IsLive) continue;
            var sent = a.Sentences[c.Sentence];
            string? own = null;
            if (c.PartyStart >= 0)
                foreach (var g in ctx.GeoWithin(c.PartyStart, c.PartyEnd)) { own ??= g.Country; }
            bool Usable(GeoHit g) => IsPlace(g) && !OtherParty(g) && !(own is not null && g.Country == own && !IsSubnational(g));

            GeoHit? pick = null, qualifier = null, lastResort = null;
            GeoHit? prev = null;
            // A list item names its place right before its figure: "Kabupaten Garut dua orang, Kabupaten Cianjur satu orang",
            // "Kemaman (8,573 mangsa)", "Kota Palu: 821 orang".
            foreach (var g in ctx.GeoWithin(Math.Max(sent.FirstToken, c.Mention.Start - 3), c.Mention.Start))
                if (Usable(g) && !InSpeaker(g) && !g.Feature && ListItemPlace(a, g, c.Mention.Start)) pick = g;
            // Else the first place after the figure.
            foreach (var g in ctx.GeoWithin(c.Mention.End, sent.EndToken))
            {
                if (pick is not null) break;
                var before = prev;
                prev = g;
                if (!Usable(g)) continue;
                if (InSpeaker(g)) { lastResort ??= g; continue; }
                // "Papua's Nduga district": the owner only says where the place it owns lies; "Alexandria, Virginia": the
                // state after the comma only says which Alexandria.
                if (Owns(ctx, g) || before is { } b && Qualifies(ctx, b, g)) continue;
                // "serangan udara Israel ke atas kem pelarian di Rafah": a country right after a noun (no preposition before
                // it) qualifies that noun; "akibat erupsi Gunung Lewotobi di Kabupaten Flores Timur": a name in the cause
                // of the harm is what struck. A town or region named later in the sentence is where the people were.
                bool country = IsCountryOnly(g) && !Locative(ctx, g.Start);
                if (qualifier is null && (country || g.Feature || InCause(ctx, c.Mention.End, g.Start))) { qualifier = g; continue; }
                if (qualifier is not null && !IsSubnational(g)) break;
                pick = g; break;
            }
            pick ??= qualifier;
            if (pick is null)
            {
                prev = null;
                foreach (var g in ctx.GeoWithin(sent.FirstToken, c.Mention.Start))
                {
                    var before = prev;
                    prev = g;
                    if (!Usable(g)) continue;
                    if (InSpeaker(g)) { lastResort ??= g; continue; }
                    // "di Kota Ternate, Maluku Utara, menyebabkan ...": the province after the city only says where the city lies.
                    if (Owns(ctx, g) || before is { } b && Qualifies(ctx, b, g)) continue;
                    if (g.Feature) { lastResort ??= g; continue; }
                    pick = g;
                }
            }
            pick ??= lastResort;
            c.WhereInSentence = pick is not null;
            if (pick is null && !paragraphPick.TryGetValue((sent.Paragraph, own), out pick))
            {
                // The paragraph's place: not the party's own country, and a place after "di"/"in"/"ke" first.
                var para = a.Paragraphs[sent.Paragraph];
                GeoHit? any = null;
                foreach (var g in ctx.GeoWithin(a.Sentences[para.FirstSentence].FirstToken, a.Sentences[para.EndSentence - 1].EndToken))
                {
                    if (!Usable(g) || InSpeaker(g)) continue;
                    if (a.AfterPreposition(g.Start)) { pick = g; break; }
                    any ??= g;
                }
                pick ??= any;
                paragraphPick[(sent.Paragraph, own)] = pick;
            }
            if (pick is { } p) c.Where = ToPlace(ctx, p);
            else
            {
                if (!mainFound) { main = MainPlace(ctx, OtherParty); mainFound = true; }
                c.Where = main;
            }
        }
    }

    /// <summary>
    /// The place ends right before the figure, or before a colon or bracket that opens it: the place of one item of a
    /// list ("Kabupaten Garut dua orang, Kabupaten Cianjur satu orang"). A country alone only after an item separator
    /// (a comma, semicolon or coordinator): "serangan Israel 20 warga" names who struck, not where.
    /// </summary>
    private static bool ListItemPlace(AnalyzedText a, GeoHit g, int figure)
    {
        int k = g.End;
        if (k < figure && (a.IsPunct(k, ':') || a.IsPunct(k, '('))) k++;
        if (k != figure) return false;
        if (!IsCountryOnly(g)) return true;
        int before = g.Start - 1;
        return before >= 0 && (a.IsPunct(before, ',') || a.IsPunct(before, ';') || a.InPhrase(before, SyntaxRole.Coordinator));
    }

    /// <summary>Token spans, asked whether one of them contains [start, end): per token, the furthest end of a span that
    /// starts at or before it.</summary>
    private sealed class SpanReach(int tokens)
    {
        private readonly int[] _reach = new int[tokens + 1];
        private bool _any;

        public void Add(int start, int end)
        {
            if (start < 0 || start >= _reach.Length) return;
            _reach[start] = Math.Max(_reach[start], end);
            _any = true;
        }

        public void Close()
        {
            for (int t = 1; t < _reach.Length; t++) _reach[t] = Math.Max(_reach[t], _reach[t - 1]);
        }

        public bool Covers(int start, int end) => _any && start >= 0 && start < _reach.Length && _reach[start] >= end && end > 0;
    }

    private static bool IsCountryOnly(GeoHit g) => g.Candidates.Any(e => e.Kind == GeoKind.Country) && !g.Candidates.Any(e => e.Kind is GeoKind.Place or GeoKind.Capital);

    /// <summary>A cause word ("akibat", "due to") stands between the figure and the name, with no preposition after it.</summary>
    private static bool InCause(DocumentContext ctx, int from, int start)
    {
        bool cause = false;
        foreach (var h in ctx.Text[LexKind.Syntax].Within(from, start))
        {
            if (h.HasSyntax(SyntaxRole.Cause)) cause = true;
            else if (h.HasSyntax(SyntaxRole.Preposition)) cause = false;
        }
        return cause;
    }

    /// <summary>
    /// The name stands after a preposition ("di", "in", "ke"; "in the"), after punctuation or at the start of the text,
    /// or is owned by a name that does ("in Papua's Nduga district").
    /// </summary>
    private static bool Locative(DocumentContext ctx, int start)
    {
        var a = ctx.Text;
        for (int guard = 0; guard < 4 && start > 0; guard++)
        {
            if (a.Tokens[start - 1].Kind != TokenKind.Word) return true;
            if (a.PrecededByAny(start, SyntaxRole.Preposition, SyntaxRole.Origin)) return true;
            // "in the Kharkiv region": a filler word between.
            if (a.PrecededBy(start, SyntaxRole.Filler, out var filler)) { start = filler.Start; continue; }
            // "in Papua's Nduga district": the owner's position.
            if (IsPossessive(a, start - 1) && start - 1 > 0 && ctx.GeoAt[start - 2] >= 0) { start = ctx.Geo[ctx.GeoAt[start - 2]].Start; continue; }
            return false;
        }
        return start == 0;
    }

    /// <summary>A one-token possessive marker ("'s", syntax.tsv's possessive role) at token t.</summary>
    private static bool IsPossessive(AnalyzedText a, int t) =>
        t >= 0 && t < a.Tokens.Length && a.StartsWith(t, SyntaxRole.Possessive, out var h) && h.End == t + 1;

    /// <summary>"Papua's Nduga district", "Russia's Belgorod region": the name owns the place named right after it.</summary>
    private static bool Owns(DocumentContext ctx, GeoHit g) =>
        IsPossessive(ctx.Text, g.End) && g.End + 1 < ctx.GeoAt.Length && ctx.GeoAt[g.End + 1] >= 0 && IsPlace(ctx.Geo[ctx.GeoAt[g.End + 1]]);

    /// <summary>
    /// "Kota Ternate, Maluku Utara", "Alexandria, Virginia", "Santa Cruz, Bolivia": a country or an area written after a
    /// place and a comma, in the same country, only says where that place lies.
    /// </summary>
    internal static bool Qualifies(DocumentContext ctx, GeoHit inner, GeoHit outer) =>
        Gazetteer.Gazetteer.Qualifies(ctx.Text, inner, outer);

    private static bool IsPlace(GeoHit g) => g.Candidates.Any(e => e.Kind is GeoKind.Place or GeoKind.Capital or GeoKind.Country);
    private static bool IsSubnational(GeoHit g) => g.Candidates.Any(e => e.Kind == GeoKind.Place) && !g.Candidates.Any(e => e.Kind == GeoKind.Country);

    internal static Place ToPlace(DocumentContext ctx, GeoHit g)
    {
        var text = g.Name ?? ctx.Text.Slice(g.Start, g.End);
        // A river named after a place: its country, but no point.
        if (g.Feature) return new Place(text, g.Country, null, null);
        var place = g.Candidates.FirstOrDefault(e => e.Kind == GeoKind.Place || e.Kind == GeoKind.Capital);
        var country = g.Candidates.FirstOrDefault(e => e.Kind == GeoKind.Country);
        if (country is not null && (place is null || place.Population < 1_000_000))
        {
            var pt = ctx.Gazetteer.CountryPoint(country.Country!);
            return new Place(text, country.Country, pt?.Lat, pt?.Lon);
        }
        if (place is not null) return new Place(text, place.Country, place.Lat, place.Lon);
        return new Place(text, g.Country, null, null);
    }

    /// <summary>
    /// The place the document names most often (ties: the first named), leaving out countries named as a nationality
    /// (inside an affected party: "tentara Korea Utara", "tahanan Palestina"; "warga Distrik Sugapa" still names a
    /// place): a nationality is not a place, and a document that names no place has none.
    /// </summary>
    private static Place? MainPlace(DocumentContext ctx, Func<GeoHit, bool> inParty)
    {
        var counts = new Dictionary<string, (int N, int First)>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < ctx.Geo.Length; i++)
        {
            var g = ctx.Geo[i];
            if (!IsPlace(g) || g.Country is null) continue;
            if (!IsSubnational(g) && (inParty(g) || Gazetteer.Gazetteer.IsNationality(ctx.Text, g))) continue;
            var key = g.Name ?? ctx.Text.Slice(g.Start, g.End);
            counts[key] = counts.TryGetValue(key, out var v) ? (v.N + 1, v.First) : (1, i);
        }
        if (counts.Count == 0) return null;
        var best = counts.OrderByDescending(kv => kv.Value.N).ThenBy(kv => kv.Value.First).First();
        return ToPlace(ctx, ctx.Geo[best.Value.First]);
    }
}
