using Tally.Model;

namespace Tally.Ledger;

/// <summary>
/// The thresholds of the merging rule (see <see cref="EntryMatcher"/>). Defaults suit daily news; analysts working
/// on slow-moving crises may widen the window.
/// </summary>
public sealed record MergeOptions
{
    /// <summary>Two statements are "close in time" when their documents are at most this many days apart.</summary>
    public int WindowDays { get; init; } = 7;
    /// <summary>
    /// How long after a claim's window an entry's last citation may be for the claim to find it: an entry that began
    /// before the window and was cited past it (documents ingested out of date order make such entries). It bounds
    /// the index range a candidate query reads; a figure restated unchanged for longer than this is rare.
    /// </summary>
    public int LongestSpanDays { get; init; } = 120;
    /// <summary>Candidate entries examined per claim and per count size (most recently cited first).</summary>
    public int MaxCandidates { get; init; } = 16;
}

/// <summary>A document as the ledger cites it.</summary>
public sealed record CitedDocument(string Id, string? Url, string? Outlet, string? Published, string Language);

/// <summary>One document's statement of an entry: the document and the sentence.</summary>
public sealed record Citation(long ClaimId, long DocumentRowId, CitedDocument Document, Evidence Evidence, Count Count, Source? Source, Certainty Certainty);

/// <summary>
/// One underlying claim, however many documents state it: the most precise count cited, the fields of its best
/// statement, when it was first and last seen, and how many documents cite it.
/// </summary>
public sealed record LedgerEntry(long Id, Claim Claim, string? FirstSeen, string? LastSeen, int CitationCount, string SourceKey)
{
    public IReadOnlyList<Citation> Citations { get; init; } = [];
}

/// <summary>
/// Where one document of an ingested batch is: the row of the current version that holds its text (null when no current
/// version does), whether it is new (not in the ledger before the batch), and the entries its claims cite, in claim order.
/// </summary>
public sealed record IngestedDocument(long? RowId, bool New, IReadOnlyList<long> EntryIds);

/// <summary>What an ingest did.</summary>
public sealed class IngestSummary
{
    public int Read { get; set; }
    public int Stored { get; set; }
    public int Skipped { get; set; }
    public int Failed { get; set; }
    public int Versions { get; set; }
    public int ClaimsAdded { get; set; }
    public int EntriesCreated { get; set; }
    public int EntriesMerged { get; set; }

    public void Add(IngestSummary o)
    {
        Read += o.Read; Stored += o.Stored; Skipped += o.Skipped; Failed += o.Failed; Versions += o.Versions;
        ClaimsAdded += o.ClaimsAdded; EntriesCreated += o.EntriesCreated; EntriesMerged += o.EntriesMerged;
    }

    public override string ToString() =>
        $"documents read {Read}, stored {Stored} ({Versions} new versions), skipped {Skipped}, failed {Failed}; claims added {ClaimsAdded}; entries created {EntriesCreated}, merged {EntriesMerged}";
}

/// <summary>Filters for listing entries (all optional; combined with AND).</summary>
public sealed record EntryFilter
{
    public Category? Category { get; init; }
    /// <summary>Affected party's country (ISO-2).</summary>
    public string? Who { get; init; }
    public Role? Role { get; init; }
    /// <summary>Place text (substring, case-insensitive).</summary>
    public string? Place { get; init; }
    /// <summary>Place country (ISO-2).</summary>
    public string? Country { get; init; }
    /// <summary>Source text or name (substring, case-insensitive).</summary>
    public string? Source { get; init; }
    public SourceKind? SourceKind { get; init; }
    /// <summary>Entries seen on or after this date (yyyy-MM-dd).</summary>
    public string? Since { get; init; }
    /// <summary>Entries seen on or before this date (yyyy-MM-dd).</summary>
    public string? Until { get; init; }
    /// <summary>Full-text search over evidence, party, place and source.</summary>
    public string? Search { get; init; }
    public int Limit { get; init; } = 1000;
    public int Offset { get; init; }
    /// <summary>Sort: "id", "count" (largest first), "first_seen", "last_seen", "citations" (most first).</summary>
    public string Sort { get; init; } = "id";
}

/// <summary>A point of a timeline: one entry of one source's series.</summary>
public sealed record TimelinePoint(long EntryId, string? Date, long? Low, long? High, bool Approximate, int Citations, string CountText);

/// <summary>One source's estimates of a figure over time.</summary>
public sealed record TimelineSeries(string SourceKey, string SourceText, IReadOnlyList<TimelinePoint> Points);
