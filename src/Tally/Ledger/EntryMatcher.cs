using Tally.Extraction;
using Tally.Model;

namespace Tally.Ledger;

/// <summary>
/// The merging rule: when a claim from one document states the same thing as a ledger entry built from others.
/// <list type="bullet">
/// <item>the same category;</item>
/// <item>compatible counts: equal, or one is a bound or a rounding of the other ("40,005", "at least 40,005" and
/// "more than 40,000" are one statement; "4.8 million" and "more than 3.8 million" are not);</item>
/// <item>a compatible affected party (same country, or one unknown; same role, or one unspecified) and place
/// (same country, or one unknown);</item>
/// <item>the same source (an unattributed copy of a figure joins the attributed entry it matches; two different
/// sources giving the same number stay separate entries, and a source's revised figure starts a new entry in its
/// series);</item>
/// <item>close in time: the documents are within <see cref="MergeOptions.WindowDays"/> days (the store's query), and
/// the periods the figures refer to overlap when both are given.</item>
/// </list>
/// Among several matching entries the one with the same count and the same source wins.
/// </summary>
public static class EntryMatcher
{
    public static bool Matches(Claim entry, Claim claim)
    {
        if (entry.Category != claim.Category) return false;
        if (!CountRelations.Compatible(entry.Count, claim.Count)) return false;
        if (entry.Who.Country is not null && claim.Who.Country is not null && entry.Who.Country != claim.Who.Country) return false;
        if (entry.Who.Role != claim.Who.Role && entry.Who.Role != Role.Unspecified && claim.Who.Role != Role.Unspecified) return false;
        if (entry.Where?.Country is { } ec && claim.Where?.Country is { } cc && ec != cc) return false;
        if (entry.Source is not null && claim.Source is not null && !SourceIdentity.Same(entry.Source, claim.Source)) return false;
        if (entry.When is { } ew && claim.When is { } cw && (ew.End < cw.Start || cw.End < ew.Start)) return false;
        return true;
    }

    /// <summary>How well a matching entry fits: the same count and the same source first.</summary>
    public static int Affinity(Claim entry, Claim claim)
    {
        int score = 0;
        if (entry.Count.Low == claim.Count.Low && entry.Count.High == claim.Count.High) score += 4;
        if (entry.Source is not null && claim.Source is not null) score += 2;
        if (entry.Who.Role == claim.Who.Role) score += 1;
        return score;
    }
}
