using Tally.Gazetteer;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction.Stages;

/// <summary>
/// Who was affected: the party phrase as written, its country (a country, people or organisation named in it;
/// else whoever "lainnya"/"others" refers back to; else the owner of a possessive "prajuritnya"; else, for troops sent
/// or brought home, the country that sent them; else the place of the event; else the document's main country)
/// and its role (an organisation's role, else the noun's; a generic "orang" counted in a disaster is civilians).
/// </summary>
public static class PartyStage
{
    private const int AntecedentSentences = 2;

    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        var a = ctx.Text;
        var live = candidates.Where(c => c.IsLive).ToList();
        var civilianContext = CivilianContext(ctx);

        for (int i = 0; i < live.Count; i++)
        {
            var c = live[i];
            var kind = c.Noun?.PeopleKind;
            Candidate? antecedent = null;
            if (kind is PeopleKind.Anaphor or PeopleKind.Partitive || (c.Noun is null && c.Mention.ZeroCategory is null))
                antecedent = Antecedent(a, live, i);

            if (c.PartyStart >= 0 && c.PartyEnd > c.PartyStart && kind is not (PeopleKind.Anaphor or PeopleKind.Partitive))
                c.WhoText = a.Slice(c.PartyStart, c.PartyEnd);

            // Country and role named inside the phrase.
            Role? orgRole = null;
            if (c.PartyStart >= 0)
            {
                foreach (var g in ctx.GeoWithin(c.PartyStart, c.PartyEnd))
                {
                    c.WhoCountry ??= g.Country;
                    orgRole ??= g.Best(GeoKind.Organization)?.Role;
                }
            }

            Role role = orgRole ?? (c.Noun is { PeopleKind: PeopleKind.Specific } n ? n.Role : Role.Unspecified);
            // "anggota kelompok bersenjata": a general head ("anggota", "members") takes the role of a group named after it.
            if (role == Role.Unspecified && c.PartyStart >= 0)
                foreach (var ph in a[LexKind.People].Within(Math.Max(c.NounEnd, c.PartyStart), c.PartyEnd))
                    if (ph.Entry.PeopleKind == PeopleKind.Specific && ph.Entry.Role != Role.Unspecified) { role = ph.Entry.Role; break; }

            if (kind == PeopleKind.Partitive)
            {
                // "dua di antaranya pelaku", "empat di antaranya polisi": the part has its own noun.
                int t = c.NounEnd;
                var sentEnd = a.Sentences[c.Sentence].EndToken;
                for (int k = 0; k < 2 && t < sentEnd; k++)
                {
                    if (a[LexKind.People].StartsAt(t, out var p) && p.Entry.PeopleKind == PeopleKind.Specific)
                    {
                        role = p.Entry.Role;
                        c.WhoText = a.Slice(p.Start, PeopleStage.ExtendParty(ctx, p.End, sentEnd));
                        foreach (var g in ctx.GeoWithin(p.Start, PeopleStage.ExtendParty(ctx, p.End, sentEnd))) c.WhoCountry ??= g.Country;
                        break;
                    }
                    t++;
                }
            }

            if (antecedent is not null)
            {
                c.WhoCountry ??= antecedent.WhoCountry;
                if (role == Role.Unspecified) { role = antecedent.Role; c.RoleFromContext = antecedent.RoleFromContext; }
                c.WhoText ??= antecedent.WhoText;
            }

            // "jumlah pengungsi Rohingya ... mencapai 500 orang": the subject that the figure completes names the party.
            if (c.WhoCountry is null && !c.CueAfter && c.CueStart >= 0 && (c.Noun is null || c.Noun.PeopleKind == PeopleKind.Generic))
            {
                var sentEnd2 = a.Sentences[c.Sentence].EndToken;
                foreach (var g in ctx.GeoWithin(c.CueStart, Math.Min(c.Mention.Start, PeopleStage.ExtendParty(ctx, c.CueEnd, sentEnd2))))
                    if (g.Has(GeoKind.Demonym) || g.Has(GeoKind.Country)) { c.WhoCountry = g.Country; break; }
            }

            // A possessive noun: "prajuritnya" (its soldiers), "our members".
            if (c.WhoCountry is null && c.NounStart >= 0 && IsPossessive(a, c))
                c.WhoCountry = NearestCountryBefore(ctx, c.Mention.Start, a.Sentences[c.Sentence].FirstToken, placesToo: false);

            // Troops sent or brought home belong to whoever sent them.
            if (c.WhoCountry is null && c.Category is Category.Deployed or Category.Returned && !c.CueAfter && c.CueStart >= 0)
                c.WhoCountry = NearestCountryBefore(ctx, c.CueStart, a.Sentences[c.Sentence].FirstToken, placesToo: false);

            c.WhoCountry ??= c.Where?.Country;
            c.WhoCountry ??= MainCountry(ctx);

            if (role == Role.Unspecified && (c.Noun is null || c.Noun.PeopleKind is PeopleKind.Generic or PeopleKind.Anaphor or PeopleKind.Partitive)
                && antecedent is null)
            {
                if (c.Category is Category.Displaced or Category.Affected || civilianContext)
                {
                    role = Role.Civilians;
                    c.RoleFromContext = true;
                }
            }
            c.Role = role;
        }

        // "Sekitar 600 diantaranya ...": a part or "others" with no figure to refer back to speaks of the document's main party.
        var mainParty = live.Where(o => o.Noun is { PeopleKind: PeopleKind.Specific } && o.WhoCountry is not null)
            .GroupBy(o => o.WhoCountry).OrderByDescending(g => g.Count()).ThenBy(g => g.Min(o => o.Mention.Start)).FirstOrDefault()?.Key;
        for (int i = 0; i < live.Count; i++)
        {
            var c = live[i];
            if (c.Noun is not { PeopleKind: PeopleKind.Anaphor or PeopleKind.Partitive }) continue;
            if (c.PartyStart >= 0 && ctx.GeoWithin(c.PartyStart, c.PartyEnd).Any(g => g.Country is not null)) continue;
            var ante = Antecedent(a, live, i);
            if (ante is not null) { if (ante.WhoCountry is not null) c.WhoCountry = ante.WhoCountry; }
            else if (mainParty is not null) c.WhoCountry = mainParty;
        }

        // One party, one role: a generic "orang" of a country whose other figures in the document all name the same
        // role ("total korban dari pihak Korea Utara ... 4.700 orang" beside "tentara Korea Utara") takes that role.
        // Counted once per country: the roles its figures name, and whether one of its specific nouns has none. (A figure
        // given a role here is in neither count, before or after, so counting first is the same as asking each time.)
        var byCountry = new Dictionary<string, (Role Role, bool Several, bool SpecificUnspecified)>();
        foreach (var o in live)
        {
            if (o.WhoCountry is not { } iso) continue;
            byCountry.TryGetValue(iso, out var s);
            if (o.Role != Role.Unspecified && !o.RoleFromContext)
            {
                if (s.Role == Role.Unspecified) s.Role = o.Role;
                else if (s.Role != o.Role) s.Several = true;
            }
            if (o.Role == Role.Unspecified && o.Noun is { PeopleKind: PeopleKind.Specific }) s.SpecificUnspecified = true;
            byCountry[iso] = s;
        }
        foreach (var c in live)
        {
            if (c.Role != Role.Unspecified || c.WhoCountry is null || c.Noun is { PeopleKind: PeopleKind.Specific }) continue;
            var s = byCountry[c.WhoCountry];
            if (s.Role != Role.Unspecified && !s.Several && !s.SpecificUnspecified)
            {
                c.Role = s.Role;
                c.RoleFromContext = true;
            }
        }
    }

    private static Candidate? Antecedent(AnalyzedText a, List<Candidate> live, int i)
    {
        var c = live[i];
        for (int k = i - 1; k >= 0; k--)
        {
            var p = live[k];
            if (c.Sentence - p.Sentence > AntecedentSentences) break;
            if (a.Sentences[p.Sentence].Paragraph != a.Sentences[c.Sentence].Paragraph && p.Sentence != c.Sentence) break;
            if (p.IsLive && p.Mention.ZeroCategory is null) return p;
        }
        return null;
    }

    private static bool IsPossessive(AnalyzedText a, Candidate c)
    {
        var noun = a.Slice(c.NounStart, c.NounEnd);
        if (noun.Length > c.Noun!.Phrase.Length) return true; // a clitic was stripped ("prajuritnya")
        // "their soldiers": a possessive word (syntax.tsv) between the figure and its noun.
        for (int t = c.Mention.End; t < c.NounStart; t++)
            if (a.InPhrase(t, SyntaxRole.Possessive)) return true;
        return false;
    }

    internal static string? NearestCountryBefore(DocumentContext ctx, int token, int floor, bool placesToo)
    {
        for (int t = token - 1; t >= floor; t--)
        {
            if (ctx.GeoAt[t] < 0) continue;
            var g = ctx.Geo[ctx.GeoAt[t]];
            if (placesToo || g.Has(GeoKind.Country) || g.Has(GeoKind.Demonym) || g.Has(GeoKind.Organization))
                if (g.Country is { } iso) return iso;
            t = g.Start;
        }
        return null;
    }

    /// <summary>The country the document is mostly about: the one its places and country names point to most often.</summary>
    public static string? MainCountry(DocumentContext ctx) => ctx.MainCountry;

    /// <summary>The country the document names most often (ties: the first named); see <see cref="DocumentContext.MainCountry"/>.</summary>
    public static string? FindMainCountry(DocumentContext ctx)
    {
        var counts = new Dictionary<string, (int N, int First)>();
        for (int g = 0; g < ctx.Geo.Length; g++)
        {
            var h = ctx.Geo[g];
            if (h.Candidates.All(e => e.Kind == GeoKind.Organization)) continue;
            if (h.Country is not { } iso) continue;
            counts[iso] = counts.TryGetValue(iso, out var v) ? (v.N + 1, v.First) : (1, g);
        }
        if (counts.Count == 0)
        {
            foreach (var h in ctx.Geo) if (h.Country is { } iso) return iso;
            return null;
        }
        return counts.OrderByDescending(kv => kv.Value.N).ThenBy(kv => kv.Value.First).First().Key;
    }

    /// <summary>Disasters, accidents, riots and air strikes on towns: generic victims there are civilians.</summary>
    private static bool CivilianContext(DocumentContext ctx)
    {
        int civilian = 0, conflict = 0;
        foreach (var h in ctx.Text[LexKind.Context].Hits)
        {
            if (h.Entry.Context is ContextKind.Disaster or ContextKind.CivilianHarm) civilian++;
            else conflict++;
        }
        return civilian > 0 && civilian >= conflict;
    }
}
