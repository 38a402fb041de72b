using Tally.Gazetteer;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction.Stages;

/// <summary>
/// Where the people were affected: a place named after the figure in its sentence (not the party's own
/// nationality: "tentara Korea Utara ... di Ukraina" is Ukraine), else the nearest before it, else the paragraph's
/// first place, else the document's main place.
/// </summary>
public static class PlaceStage
{
    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        var a = ctx.Text;
        var main = MainPlace(ctx);
        // "65 warga Bangladesh, 30 warga Myanmar dan 15 warga Indonesia": a country inside another figure's party is that
        // party's nationality, not a place.
        var parties = candidates.Where(x => x.IsLive && x.PartyEnd > x.PartyStart && x.PartyStart >= 0).Select(x => (x.PartyStart, x.PartyEnd)).ToArray();
        bool OtherParty(GeoHit g) => parties.Any(p => g.Start >= p.PartyStart && g.End <= p.PartyEnd);
        foreach (var c in candidates)
        {
            if (!c.IsLive) continue;
            var sent = a.Sentences[c.Sentence];
            string? own = null;
            if (c.PartyStart >= 0)
                foreach (var g in ctx.GeoWithin(c.PartyStart, c.PartyEnd)) { own ??= g.Country; }

            GeoHit? pick = null, qualifier = null;
            foreach (var g in ctx.GeoWithin(c.Mention.End, sent.EndToken))
            {
                if (!IsPlace(g) || OtherParty(g) || (own is not null && g.Country == own && !IsSubnational(g))) continue;
                // "serangan udara Israel ke atas kem pelarian di Rafah": a country right after a noun (no preposition before it)
                // qualifies that noun; a town or region named later in the sentence is where the people were.
                if (qualifier is null && IsCountryOnly(g) && !AfterPreposition(ctx, g.Start)) { qualifier = g; continue; }
                if (qualifier is not null && !IsSubnational(g)) break;
                pick = g; break;
            }
            pick ??= qualifier;
            if (pick is null)
            {
                foreach (var g in ctx.GeoWithin(sent.FirstToken, c.Mention.Start))
                    if (IsPlace(g) && !OtherParty(g) && !(own is not null && g.Country == own && !IsSubnational(g))) pick = g;
            }
            if (pick is null)
            {
                // The paragraph's place: not the party's own country, and a place after "di"/"in"/"ke" first.
                var para = a.Paragraphs[sent.Paragraph];
                GeoHit? any = null;
                foreach (var g in ctx.GeoWithin(a.Sentences[para.FirstSentence].FirstToken, a.Sentences[para.EndSentence - 1].EndToken))
                {
                    if (!IsPlace(g) || OtherParty(g) || (own is not null && g.Country == own && !IsSubnational(g))) continue;
                    if (g.Start > 0 && a[LexKind.Syntax].EndsAt(g.Start, out var prep) && prep.Entries.Any(e => e.Syntax == SyntaxRole.Preposition)) { pick = g; break; }
                    any ??= g;
                }
                pick ??= any;
            }
            c.Where = pick is { } p ? ToPlace(ctx, p) : main;
        }
    }

    private static bool IsCountryOnly(GeoHit g) => g.Candidates.Any(e => e.Kind == GeoKind.Country) && !g.Candidates.Any(e => e.Kind is GeoKind.Place or GeoKind.Capital);

    private static bool AfterPreposition(DocumentContext ctx, int start) =>
        start > 0 && (ctx.Text.Tokens[start - 1].Kind != TokenKind.Word
            || (ctx.Text[LexKind.Syntax].EndsAt(start, out var h) && h.Entries.Any(e => e.Syntax is SyntaxRole.Preposition or SyntaxRole.Origin)));

    private static bool IsPlace(GeoHit g) => g.Candidates.Any(e => e.Kind is GeoKind.Place or GeoKind.Capital or GeoKind.Country);
    private static bool IsSubnational(GeoHit g) => g.Candidates.Any(e => e.Kind == GeoKind.Place) && !g.Candidates.Any(e => e.Kind == GeoKind.Country);

    internal static Place ToPlace(DocumentContext ctx, GeoHit g)
    {
        var text = ctx.Text.Slice(g.Start, g.End);
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

    /// <summary>The place the document names most often (ties: the first named).</summary>
    public static Place? MainPlace(DocumentContext ctx)
    {
        var counts = new Dictionary<string, (int N, int First)>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < ctx.Geo.Length; i++)
        {
            var g = ctx.Geo[i];
            if (!IsPlace(g) || g.Country is null) continue;
            var key = ctx.Text.Slice(g.Start, g.End);
            counts[key] = counts.TryGetValue(key, out var v) ? (v.N + 1, v.First) : (1, i);
        }
        if (counts.Count == 0) return null;
        var best = counts.OrderByDescending(kv => kv.Value.N).ThenBy(kv => kv.Value.First).First();
        return ToPlace(ctx, ctx.Geo[best.Value.First]);
    }
}
