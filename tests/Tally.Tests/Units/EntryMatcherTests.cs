using Tally.Ledger;
using Tally.Model;

namespace Tally.Tests.Units;

/// <summary><see cref="EntryMatcher"/>: when a new claim states the same thing as a ledger entry.</summary>
public class EntryMatcherTests
{
    private static readonly Claim Entry = new(
        Category.Killed,
        new Count(40, 40, false, "40"),
        new Party("soldiers", "SD", Role.StateForces),
        new Place("El Fasher", "SD", 13.6, 25.3),
        new Period("Tuesday", new DateOnly(2024, 5, 14), new DateOnly(2024, 5, 14)),
        new Source("army spokesman Colonel Idris Mahmoud", "Idris Mahmoud", "SD", SourceKind.Military),
        null,
        Certainty.Reported,
        new Evidence("The army spokesman Colonel Idris Mahmoud said 40 soldiers were killed on Tuesday.", 0, 80));

    [Fact]
    public void The_same_claim_matches_itself() => Assert.True(EntryMatcher.Matches(Entry, Entry));

    private static readonly Dictionary<string, (Claim Claim, bool Matches)> Variants = new()
    {
        ["another category"] = (Entry with { Category = Category.Injured }, false),
        ["a bound that restates the figure"] = (Entry with { Count = new Count(40, null, false, "at least 40") }, true),
        ["a rounding of the figure"] = (Entry with { Count = new Count(40, 40, true, "about 40") }, true),
        ["another figure"] = (Entry with { Count = new Count(45, 45, false, "45") }, false),
        ["another party country"] = (Entry with { Who = new Party("soldiers", "SS", Role.StateForces) }, false),
        ["an unknown party country"] = (Entry with { Who = new Party("soldiers", null, Role.StateForces) }, true),
        ["another role"] = (Entry with { Who = new Party("fighters", "SD", Role.NonStateArmed) }, false),
        ["an unspecified role"] = (Entry with { Who = new Party("people", "SD", Role.Unspecified) }, true),
        ["a place in another country"] = (Entry with { Where = new Place("Juba", "SS", 4.9, 31.6) }, false),
        ["another place in the same country"] = (Entry with { Where = new Place("Khartoum", "SD", 15.5, 32.5) }, true),
        ["no place"] = (Entry with { Where = null }, true),
        ["another speaker"] = (Entry with { Source = new Source("RSF commander Bashir Adam", "Bashir Adam", "SD", SourceKind.ArmedGroup) }, false),
        ["the same speaker, described otherwise"] = (Entry with { Source = new Source("Colonel Idris Mahmoud", "Idris Mahmoud", "SD", SourceKind.Military) }, true),
        ["no source"] = (Entry with { Source = null }, true),
        ["a period that does not overlap"] = (Entry with { When = new Period("in April", new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 30)) }, false),
        ["an overlapping period"] = (Entry with { When = new Period("in May", new DateOnly(2024, 5, 1), new DateOnly(2024, 5, 31)) }, true),
        ["no period"] = (Entry with { When = null }, true),
        ["another certainty"] = (Entry with { Certainty = Certainty.Confirmed }, true),
    };

    public static TheoryData<string> Differences => new(Variants.Keys);

    /// <summary>A copy of the entry with one thing changed (named by the case, so that its test name stays short).</summary>
    [Theory, MemberData(nameof(Differences))]
    public void Matches_a_claim_that_differs_by(string difference)
    {
        var (claim, matches) = Variants[difference];
        Assert.True(matches == EntryMatcher.Matches(Entry, claim), $"{difference}: expected {(matches ? "a match" : "no match")}");
        Assert.True(matches == EntryMatcher.Matches(claim, Entry), $"{difference} (entry and claim swapped): expected {(matches ? "a match" : "no match")}");
    }

    [Fact]
    public void Affinity_prefers_the_same_count_then_a_source_then_the_same_role()
    {
        var sameCount = EntryMatcher.Affinity(Entry, Entry);
        var bound = EntryMatcher.Affinity(Entry, Entry with { Count = new Count(40, null, false, "at least 40") });
        var unattributed = EntryMatcher.Affinity(Entry, Entry with { Source = null });
        var otherRole = EntryMatcher.Affinity(Entry, Entry with { Who = new Party("people", "SD", Role.Unspecified) });
        Assert.Equal(7, sameCount);
        Assert.Equal(3, bound);
        Assert.Equal(5, unattributed);
        Assert.Equal(6, otherRole);
    }
}
