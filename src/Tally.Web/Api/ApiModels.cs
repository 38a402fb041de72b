using System.Globalization;
using System.Text.Json.Serialization;
using Tally.Ledger;
using Tally.Model;

namespace Tally.Web.Api;

// The API's JSON: the claim fields as `tally extract` writes them (../shared/spec/claims.md), plus the ledger's own.
// Property names are snake_case (see ApiJsonContext).

public sealed record CountDto(long? Low, long? High, bool Approximate, string Text);
public sealed record PartyDto(string? Text, string? Country, string Role);
public sealed record PlaceDto(string Text, string? Country, double? Lat, double? Lon);
public sealed record PeriodDto(string Text, string Start, string End);
public sealed record SourceDto(string Text, string? Name, string? Country, string Kind);
public sealed record EvidenceDto(string Sentence, int Start, int End);

/// <summary>A document as a citation names it; <c>row_id</c> is the id of GET /api/documents/{id}.</summary>
public sealed record CitedDocumentDto(long RowId, string Id, string? Url, string? Outlet, string? Published, string Language);

/// <summary>One document's statement of an entry.</summary>
public sealed record CitationDto(long ClaimId, CitedDocumentDto Document, EvidenceDto Evidence, CountDto Count, SourceDto? Source, string Certainty);

/// <summary>A ledger entry: one claim however many documents state it, with its citations when asked for.</summary>
public sealed record EntryDto(
    long Id, string Category, CountDto Count, PartyDto Who, PlaceDto? Where, PeriodDto? When, SourceDto? Source, string? Via,
    string Certainty, EvidenceDto Evidence, string? FirstSeen, string? LastSeen, int CitationCount, IReadOnlyList<CitationDto>? Citations);

/// <summary>A page of entries: <c>total</c> matched the filters; <c>items</c> are those from <c>offset</c>, at most <c>limit</c>.</summary>
public sealed record ClaimPage(long Total, int Limit, int Offset, string Sort, IReadOnlyList<EntryDto> Items);

/// <summary>A claim of a document, with the ledger entry it belongs to (null for a superseded version).</summary>
public sealed record DocumentClaimDto(
    string Category, CountDto Count, PartyDto Who, PlaceDto? Where, PeriodDto? When, SourceDto? Source, string? Via, string Certainty,
    EvidenceDto Evidence, long? EntryId);

/// <summary>A stored document: its cleaned text (every offset indexes it) and its claims.</summary>
public sealed record DocumentDto(
    long RowId, string Id, string? Url, string? Title, string Language, string? Published, string? Outlet, string Text,
    IReadOnlyList<DocumentClaimDto> Claims);

public sealed record TimelinePointDto(long Entry, string? Date, long? Low, long? High, bool Approximate, int Citations, string Text);
public sealed record TimelineSeriesDto(string Source, string SourceKey, IReadOnlyList<TimelinePointDto> Points);

/// <summary>Every source's estimates of one figure (a category for one affected country), one series per source.</summary>
public sealed record TimelineDto(string Who, string Category, IReadOnlyList<TimelineSeriesDto> Series);

/// <summary>A document that a POST read: where it is in the ledger now.</summary>
public sealed record StoredDocumentDto(long? RowId, string Id, string? Url, string? Title, string Language, bool New, int Claims, IReadOnlyList<long> Entries);

/// <summary>What POST /api/documents did: the ingest's counts, each document read, and each input that could not be read.</summary>
public sealed record IngestResultDto(
    int Read, int Stored, int Skipped, int Failed, int Versions, int ClaimsAdded, int EntriesCreated, int EntriesMerged,
    IReadOnlyList<StoredDocumentDto> Documents, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings);

public sealed record HealthDto(string Status, string Database, int Schema);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ClaimPage))]
[JsonSerializable(typeof(EntryDto))]
[JsonSerializable(typeof(DocumentDto))]
[JsonSerializable(typeof(TimelineDto))]
[JsonSerializable(typeof(IngestResultDto))]
[JsonSerializable(typeof(HealthDto))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;

/// <summary>Ledger objects to API objects.</summary>
internal static class ApiMap
{
    public static CountDto Count(Count c) => new(c.Low, c.High, c.Approximate, c.Text);
    public static PartyDto Party(Party p) => new(p.Text, p.Country, Names.Of(p.Role));
    public static PlaceDto? Place(Place? p) => p is null ? null : new(p.Text, p.Country, Round(p.Lat), Round(p.Lon));
    public static PeriodDto? Period(Period? p) => p is null ? null : new(p.Text, Date(p.Start), Date(p.End));
    public static SourceDto? Source(Source? s) => s is null ? null : new(s.Text, s.Name, s.Country, Names.Of(s.Kind));
    public static EvidenceDto Evidence(Evidence e) => new(e.Sentence, e.Start, e.End);

    public static EntryDto Entry(LedgerEntry e, bool withCitations)
    {
        var c = e.Claim;
        return new EntryDto(e.Id, Names.Of(c.Category), Count(c.Count), Party(c.Who), Place(c.Where), Period(c.When), Source(c.Source), c.Via,
            Names.Of(c.Certainty), Evidence(c.Evidence), e.FirstSeen, e.LastSeen, e.CitationCount,
            withCitations ? e.Citations.Select(Citation).ToList() : null);
    }

    public static CitationDto Citation(Citation c) =>
        new(c.ClaimId, new CitedDocumentDto(c.DocumentRowId, c.Document.Id, c.Document.Url, c.Document.Outlet, c.Document.Published, c.Document.Language),
            Evidence(c.Evidence), Count(c.Count), Source(c.Source), Names.Of(c.Certainty));

    public static DocumentClaimDto DocumentClaim(Claim c, long? entryId) =>
        new(Names.Of(c.Category), Count(c.Count), Party(c.Who), Place(c.Where), Period(c.When), Source(c.Source), c.Via, Names.Of(c.Certainty),
            Evidence(c.Evidence), entryId);

    public static TimelineSeriesDto Series(TimelineSeries s) =>
        new(s.SourceText, s.SourceKey, s.Points.Select(p => new TimelinePointDto(p.EntryId, p.Date, p.Low, p.High, p.Approximate, p.Citations, p.CountText)).ToList());

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static double? Round(double? v) => v is { } x ? Math.Round(x, 4) : null;
}
