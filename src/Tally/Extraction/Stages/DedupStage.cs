using Tally.Model;

namespace Tally.Extraction.Stages;

/// <summary>
/// One claim per distinct statement in a document. Mentions of the same figure (same category and count,
/// compatible party, source, place and time) become one claim; so do restatements that say less than a precise
/// figure of the same category and party: a vague magnitude over it ("ratusan" over "600", "hundreds" over
/// "more than 300"), a bound that is the figure itself or the figure rounded down ("at least 125" beside "125",
/// "more than 40,000" beside "40,005"), and a combined figure equal to a killed or injured one.
/// </summary>
public static class DedupStage
{
    public static void Run(DocumentContext ctx, List<Candidate> candidates)
    {
        var live = candidates.Where(c => c.IsLive).ToList();

        // Same figure, same statement.
        for (int i = 0; i < live.Count; i++)
        {
            var p = live[i];
            if (!p.IsLive) continue;
            for (int k = i + 1; k < live.Count; k++)
            {
                var q = live[k];
                if (!q.IsLive || q.Category != p.Category || q.Low != p.Low || q.High != p.High) continue;
                if (!Compatible(p, q)) continue;
                Absorb(p, q, "same figure");
            }
        }

        // Restatements that say less.
        foreach (var r in live)
        {
            if (!r.IsLive) continue;
            // The figure it restates: a precise one first, then the first written.
            Candidate? into = null;
            foreach (var p in live)
            {
                if (!p.IsLive || p == r || !Restates(r, p) || !Compatible(p, r)) continue;
                if (into is null || Better(p, into)) into = p;
            }
            if (into is null) continue;
            Absorb(into, r, "restates " + into.Mention);
        }
    }

    private static bool Better(Candidate p, Candidate than)
    {
        bool a = CountRelations.IsPrecise(p.Mention.Low, p.Mention.High), b = CountRelations.IsPrecise(than.Mention.Low, than.Mention.High);
        return a != b ? a : p.Mention.Start < than.Mention.Start;
    }

    /// <summary>True when <paramref name="r"/> says less than <paramref name="p"/> about the same people.</summary>
    private static bool Restates(Candidate r, Candidate p)
    {
        var rm = r.Mention; var pm = p.Mention;
        if (pm.Vague) return false;
        if (r.Category == p.Category)
        {
            if (rm.Vague)
            {
                long? pv = pm.Low ?? pm.High;
                if (pv is not { } v) return false;
                return (v >= rm.RestatesFrom && v < rm.RestatesFrom * 10) || (v >= rm.Low && v <= rm.High);
            }
            // A bound beside a precise figure: the same number, or that number rounded down.
            return pm.Low is { } pl && pm.High == pl && CountRelations.BoundRestates(rm.Low, rm.High, pl);
        }
        // "2 prajurit ditembak" beside "2 prajurit gugur": the combined figure restates the specific one.
        if (r.Category == Category.Casualties && p.Category is Category.Killed or Category.Injured)
            return rm.Low == pm.Low && rm.High == pm.High && !rm.Vague;
        return false;
    }

    internal static bool Compatible(Candidate p, Candidate q)
    {
        if (p.WhoCountry is not null && q.WhoCountry is not null && p.WhoCountry != q.WhoCountry) return false;
        if (p.Role != q.Role && p.Role != Role.Unspecified && q.Role != Role.Unspecified && !p.RoleFromContext && !q.RoleFromContext) return false;
        if (p.Source is not null && q.Source is not null && !SourceIdentity.Same(p.Source, q.Source)) return false;
        // Periods keep figures apart only when both sentences state them; a period borrowed from the paragraph is context.
        if (p.When is not null && q.When is not null && p.WhenInSentence && q.WhenInSentence
            && (p.When.End < q.When.Start || q.When.End < p.When.Start)) return false;
        return true;
    }

    private static void Absorb(Candidate into, Candidate other, string why)
    {
        other.Dropped = "merged: " + why;
        into.Merged.Add(other);
        into.Merged.AddRange(other.Merged);
        if (other.Source is not null && into.Source is null) { into.Source = other.Source; into.SourceSentence = other.SourceSentence; into.Via ??= other.Via; }
        if (into.Where is null && other.Where is not null) into.Where = other.Where;
        // The most precise period any mention gives ("17-20 September" over "September").
        // An event's date outranks the date a figure was given.
        if (other.When is { } ow && other.Low == into.Low && other.High == into.High
            && (into.When is null
                || (into.WhenIsStatement && !other.WhenIsStatement)
                || (into.WhenIsStatement == other.WhenIsStatement && ow.Start >= into.When.Start && ow.End <= into.When.End
                    && ow.End.DayNumber - ow.Start.DayNumber < into.When.End.DayNumber - into.When.Start.DayNumber)))
        {
            into.When = ow;
            into.WhenIsStatement = other.WhenIsStatement;
            into.WhenInSentence = other.WhenInSentence;
        }
        if (into.WhoCountry is null) into.WhoCountry = other.WhoCountry;
        if (into.Role == Role.Unspecified && other.Role != Role.Unspecified) { into.Role = other.Role; into.RoleFromContext = other.RoleFromContext; }
        if (into.WhoText is null) into.WhoText = other.WhoText;
    }
}
