using System.Globalization;

namespace Tally.Model;

/// <summary>What happened to the people a claim counts (closed list, see the spec).</summary>
public enum Category { Killed, Injured, Casualties, Missing, Captured, Displaced, Affected, Deployed, Returned }

/// <summary>The affected party's role.</summary>
public enum Role { Unspecified, StateForces, NonStateArmed, Civilians }

/// <summary>How sure the text is of the figure.</summary>
public enum Certainty { Asserted, Reported, Estimated, Confirmed, Claimed }

/// <summary>What kind of speaker a figure is attributed to.</summary>
public enum SourceKind { Unspecified, Government, Military, Intelligence, Media, Ngo, InternationalOrg, ArmedGroup, HealthAuthority, Witness }

/// <summary>A count of people: a closed or open range, with the words that gave it.</summary>
public sealed record Count(long? Low, long? High, bool Approximate, string Text)
{
    public bool IsPrecise => Low is not null && Low == High && !Approximate;

    /// <summary>The count for people to read: "~600", "2,000–9,999", "≥40,000", "≤100".</summary>
    public string Display() => (Low, High) switch
    {
        ({ } l, { } h) when l == h => (Approximate ? "~" : "") + l.ToString("N0", CultureInfo.InvariantCulture),
        ({ } l, { } h) => $"{l.ToString("N0", CultureInfo.InvariantCulture)}–{h.ToString("N0", CultureInfo.InvariantCulture)}",
        ({ } l, null) => "≥" + l.ToString("N0", CultureInfo.InvariantCulture),
        (null, { } h) => "≤" + h.ToString("N0", CultureInfo.InvariantCulture),
        _ => "?",
    };
    public override string ToString() => $"{Low?.ToString() ?? "?"}..{High?.ToString() ?? "?"}{(Approximate ? "~" : "")}";
}

/// <summary>Who was affected.</summary>
public sealed record Party(string? Text, string? Country, Role Role);

/// <summary>Where the people were affected.</summary>
public sealed record Place(string Text, string? Country, double? Lat, double? Lon);

/// <summary>The period a count refers to (inclusive dates).</summary>
public sealed record Period(string Text, DateOnly Start, DateOnly End)
{
    /// <summary>
    /// The text gives no time: the period is the day the figure was reported (a statement's or a running total's day).
    /// The ledger dates such a claim by its citations instead, so that the same statement reported on other days is one entry.
    /// </summary>
    public bool Reported { get; init; }
}

/// <summary>Whoever the figure is attributed to.</summary>
public sealed record Source(string Text, string? Name, string? Country, SourceKind Kind);

/// <summary>The sentence that states the claim, with offsets into the document text.</summary>
public sealed record Evidence(string Sentence, int Start, int End);

public sealed record Claim(
    Category Category,
    Count Count,
    Party Who,
    Place? Where,
    Period? When,
    Source? Source,
    string? Via,
    Certainty Certainty,
    Evidence Evidence);
