using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Tally.Ledger;
using Tally.Model;

namespace Tally.Web.Api;

/// <summary>
/// The filters of GET /api/claims and of the dashboard's claims table: those of <c>tally claims</c>, plus paging and
/// sorting. Every value is checked here; a bad one is a problem naming the parameter.
/// </summary>
public sealed partial class ClaimQuery
{
    /// <summary>killed, injured, casualties, missing, captured, displaced, affected, deployed, returned</summary>
    [FromQuery(Name = "category")] public string? Category { get; set; }
    /// <summary>The affected party's country (ISO 3166-1 alpha-2, e.g. KP).</summary>
    [FromQuery(Name = "who")] public string? Who { get; set; }
    /// <summary>state_forces, non_state_armed, civilians, unspecified</summary>
    [FromQuery(Name = "role")] public string? Role { get; set; }
    /// <summary>Place name (substring, any case).</summary>
    [FromQuery(Name = "place")] public string? Place { get; set; }
    /// <summary>Country where it happened (ISO-2).</summary>
    [FromQuery(Name = "country")] public string? Country { get; set; }
    /// <summary>Source text or name (substring, any case).</summary>
    [FromQuery(Name = "source")] public string? Source { get; set; }
    /// <summary>government, military, intelligence, media, ngo, international_org, armed_group, health_authority, witness, unspecified</summary>
    [FromQuery(Name = "source_kind")] public string? SourceKind { get; set; }
    /// <summary>Seen on or after this date (YYYY-MM-DD).</summary>
    [FromQuery(Name = "since")] public string? Since { get; set; }
    /// <summary>Seen on or before this date (YYYY-MM-DD).</summary>
    [FromQuery(Name = "until")] public string? Until { get; set; }
    /// <summary>Full-text search over evidence, party, place and source.</summary>
    [FromQuery(Name = "q")] public string? Q { get; set; }
    /// <summary>id (default), count (largest first), first_seen, last_seen (newest first), citations (most first)</summary>
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    /// <summary>Entries per page (default 50).</summary>
    [FromQuery(Name = "limit")] public int? Limit { get; set; }
    /// <summary>Entries to skip (default 0).</summary>
    [FromQuery(Name = "offset")] public int? Offset { get; set; }
    /// <summary>Include every entry's citations (default false).</summary>
    [FromQuery(Name = "citations")] public bool? Citations { get; set; }

    public const int DefaultLimit = 50;
    public static readonly string[] Sorts = ["id", "count", "first_seen", "last_seen", "citations"];
    private const int MaxText = 200;

    /// <summary>From a query string (the dashboard): numbers that do not parse are reported like any bad value.</summary>
    public static ClaimQuery From(IQueryCollection q, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var r = new ClaimQuery
        {
            Category = Get(q, "category"), Who = Get(q, "who"), Role = Get(q, "role"), Place = Get(q, "place"), Country = Get(q, "country"),
            Source = Get(q, "source"), SourceKind = Get(q, "source_kind"), Since = Get(q, "since"), Until = Get(q, "until"), Q = Get(q, "q"),
            Sort = Get(q, "sort"),
        };
        if (Get(q, "limit") is { } l)
        {
            if (int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) r.Limit = n;
            else errors["limit"] = ["must be a whole number"];
        }
        if (Get(q, "offset") is { } o)
        {
            if (int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) r.Offset = n;
            else errors["offset"] = ["must be a whole number"];
        }
        return r;
    }

    private static string? Get(IQueryCollection q, string name) => q.TryGetValue(name, out var v) && v.Count > 0 && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;

    /// <summary>The ledger filter these values ask for, or the problems with them (parameter name → messages).</summary>
    public bool TryFilter(int maxLimit, out EntryFilter filter, Dictionary<string, string[]> errors)
    {
        filter = new EntryFilter();
        Category? category = null;
        Role? role = null;
        Tally.Model.SourceKind? kind = null;
        category = CategoryValue(Category, "category", errors);
        if (Blank(Role) is { } ro)
        {
            if (Names.TryRole(ro, out var v)) role = v;
            else errors["role"] = [$"unknown role; one of {string.Join(", ", Enum.GetValues<Role>().Select(Names.Of))}"];
        }
        if (Blank(SourceKind) is { } sk)
        {
            if (Names.TrySourceKind(sk, out var v)) kind = v;
            else errors["source_kind"] = [$"unknown source kind; one of {string.Join(", ", Enum.GetValues<Tally.Model.SourceKind>().Select(Names.Of))}"];
        }
        var who = CountryCode(Who, "who", errors);
        var country = CountryCode(Country, "country", errors);
        var since = DateValue(Since, "since", errors);
        var until = DateValue(Until, "until", errors);
        var place = TextValue(Place, "place", errors);
        var source = TextValue(Source, "source", errors);
        var search = TextValue(Q, "q", errors);
        var sort = Blank(Sort) ?? "id";
        if (!Sorts.Contains(sort)) errors["sort"] = [$"one of {string.Join(", ", Sorts)}"];
        var limit = Limit ?? DefaultLimit;
        if (limit < 1 || limit > maxLimit) errors["limit"] = [$"must be between 1 and {maxLimit}"];
        var offset = Offset ?? 0;
        if (offset < 0) errors["offset"] = ["must not be negative"];
        if (errors.Count > 0) return false;
        filter = new EntryFilter
        {
            Category = category, Who = who, Role = role, Place = place, Country = country, Source = source, SourceKind = kind,
            Since = since, Until = until, Search = search, Limit = limit, Offset = offset, Sort = sort,
        };
        return true;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    internal static Category? CategoryValue(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (Blank(value) is not { } v) return null;
        if (Names.TryCategory(v, out var c)) return c;
        errors[name] = [$"unknown category; one of {string.Join(", ", Enum.GetValues<Category>().Select(Names.Of))}"];
        return null;
    }

    /// <summary>A timeline's query: the affected party's country and the category, both required (API, dashboard, CLI).</summary>
    public static bool TryTimeline(string? who, string? category, Dictionary<string, string[]> errors, out string country, out Category cat)
    {
        var code = CountryCode(who, "who", errors);
        if (code is null && !errors.ContainsKey("who")) errors["who"] = ["required: the affected party's country (ISO-2)"];
        var c = CategoryValue(category, "category", errors);
        if (c is null && !errors.ContainsKey("category")) errors["category"] = ["required"];
        country = code ?? "";
        cat = c ?? default;
        return errors.Count == 0;
    }

    internal static string? CountryCode(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (Blank(value) is not { } v) return null;
        if (!IsoCode().IsMatch(v)) { errors[name] = ["a two-letter country code (ISO 3166-1 alpha-2)"]; return null; }
        return v.ToUpperInvariant();
    }

    private static string? DateValue(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (Blank(value) is not { } v) return null;
        if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) { errors[name] = ["a date (YYYY-MM-DD)"]; return null; }
        return v;
    }

    private static string? TextValue(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (Blank(value) is not { } v) return null;
        if (v.Length > MaxText) { errors[name] = [$"at most {MaxText} characters"]; return null; }
        return v;
    }

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex IsoCode();
}
