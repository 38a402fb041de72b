using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction.Stages;

/// <summary>
/// Coming home: people displaced abroad (their party's country is not the country of the place they were moved from or
/// to: "40 WNI dievakuasi dari Lebanon") whose arrival in their own country the document states ("tiba di Indonesia",
/// "landed in Manila": an arrival word of syntax.tsv, then a place of that country) were brought home: <c>returned</c>.
/// Refugees arriving in another country ("200 Rohingya tiba di Aceh") stay displaced.
/// </summary>
public static class HomecomingStage
{
    /// <summary>Tokens between an arrival word and the place it names ("tiba dengan selamat di Bandara Soekarno-Hatta").</summary>
    private const int ArrivalReach = 4;

    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        HashSet<string>? arrivedIn = null;
        foreach (var c in candidates)
        {
            if (!c.IsLive || c.Category != Category.Displaced || c.WhoCountry is not { } home) continue;
            if (c.Where?.Country is not { } abroad || abroad == home) continue;
            arrivedIn ??= ArrivalCountries(ctx);
            if (arrivedIn.Contains(home)) c.Category = Category.Returned;
        }
    }

    /// <summary>The countries the document says people arrived in.</summary>
    private static HashSet<string> ArrivalCountries(DocumentContext ctx)
    {
        var a = ctx.Text;
        var countries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var h in a[LexKind.Syntax].Hits)
        {
            if (!h.HasSyntax(SyntaxRole.Arrival)) continue;
            int end = Math.Min(a.Sentences[a.SentenceOf(h.Start)].EndToken, h.End + ArrivalReach);
            for (int t = h.End; t < end; t++)
            {
                if (ctx.GeoAt[t] < 0) continue;
                if (ctx.Geo[ctx.GeoAt[t]].Candidates is [var place, ..] && place.Country is { } country) countries.Add(country);
                break;
            }
        }
        return countries;
    }
}
