using System.Globalization;
using System.Text.RegularExpressions;
using Tally.Model;

namespace Tally.Ledger;

/// <summary>The type of a query parameter's value (what a query string or an option must parse to).</summary>
public enum QueryValueType { Text, Integer, Boolean }

/// <summary>One parameter of a claims query: its name (in a query string), its type and what it means.</summary>
public sealed record QueryParameter(string Name, QueryValueType Type, string Description)
{
    /// <summary>The command-line option that carries it: --search for q, dashes for underscores.</summary>
    public string Option { get; } = "--" + (Name == "q" ? "search" : Name.Replace('_', '-'));
}

/// <summary>
/// The claims query, defined once for every way in: GET /api/claims, the dashboard's claims form and pager, and
/// <c>tally claims</c> / <c>tally timeline</c>. The parameters' names, types and meanings are <see cref="Parameters"/>;
/// every value is checked here, and a bad one is a message keyed by the parameter's name.
/// </summary>
public sealed partial class ClaimQuery
{
    public static readonly QueryParameter QParameter = new("q", QueryValueType.Text, "Full-text search over evidence, party, place and source");
    public static readonly QueryParameter CategoryParameter = new("category", QueryValueType.Text, "killed, injured, casualties, missing, captured, displaced, affected, deployed, returned");
    public static readonly QueryParameter WhoParameter = new("who", QueryValueType.Text, "The affected party's country (ISO 3166-1 alpha-2, e.g. KP)");
    public static readonly QueryParameter RoleParameter = new("role", QueryValueType.Text, "state_forces, non_state_armed, civilians, unspecified");
    public static readonly QueryParameter PlaceParameter = new("place", QueryValueType.Text, "Place name (substring, any case)");
    public static readonly QueryParameter CountryParameter = new("country", QueryValueType.Text, "Country where it happened (ISO-2)");
    public static readonly QueryParameter SourceParameter = new("source", QueryValueType.Text, "Source text or name (substring, any case)");
    public static readonly QueryParameter SourceKindParameter = new("source_kind", QueryValueType.Text, "government, military, intelligence, media, ngo, international_org, armed_group, health_authority, witness, unspecified");
    public static readonly QueryParameter SinceParameter = new("since", QueryValueType.Text, "Seen on or after this date (YYYY-MM-DD)");
    public static readonly QueryParameter UntilParameter = new("until", QueryValueType.Text, "Seen on or before this date (YYYY-MM-DD)");
    public static readonly QueryParameter SortParameter = new("sort", QueryValueType.Text, "id (default), count (largest first), first_seen, last_seen (newest first), citations (most first)");
    public static readonly QueryParameter LimitParameter = new("limit", QueryValueType.Integer, "Entries per page (default 50)");
    public static readonly QueryParameter OffsetParameter = new("offset", QueryValueType.Integer, "Entries to skip (default 0)");
    public static readonly QueryParameter CitationsParameter = new("citations", QueryValueType.Boolean, "Include every entry's citations (default false)");

    /// <summary>The filters (what <c>tally claims</c> offers as options), in the order a page's query string lists them.</summary>
    public static readonly IReadOnlyList<QueryParameter> Filters =
        [QParameter, CategoryParameter, WhoParameter, RoleParameter, PlaceParameter, CountryParameter, SourceParameter, SourceKindParameter, SinceParameter, UntilParameter];

    /// <summary>Every parameter: the filters, then sorting, paging and citations.</summary>
    public static readonly IReadOnlyList<QueryParameter> Parameters = [.. Filters, SortParameter, LimitParameter, OffsetParameter, CitationsParameter];

    public string? Category { get; set; }
    public string? Who { get; set; }
    public string? Role { get; set; }
    public string? Place { get; set; }
    public string? Country { get; set; }
    public string? Source { get; set; }
    public string? SourceKind { get; set; }
    public string? Since { get; set; }
    public string? Until { get; set; }
    public string? Q { get; set; }
    public string? Sort { get; set; }
    public int? Limit { get; set; }
    public int? Offset { get; set; }
    public bool? Citations { get; set; }

    public const int DefaultLimit = 50;
    public static readonly string[] Sorts = ["id", "count", "first_seen", "last_seen", "citations"];
    private const int MaxText = 200;

    /// <summary>A filter's value as given.</summary>
    public string? this[QueryParameter filter] =>
        filter == QParameter ? Q : filter == CategoryParameter ? Category : filter == WhoParameter ? Who : filter == RoleParameter ? Role
        : filter == PlaceParameter ? Place : filter == CountryParameter ? Country : filter == SourceParameter ? Source
        : filter == SourceKindParameter ? SourceKind : filter == SinceParameter ? Since : filter == UntilParameter ? Until : filter == SortParameter ? Sort
        : throw new ArgumentException($"{filter.Name} is not a text parameter", nameof(filter));

    /// <summary>
    /// A query from named values (a query string, command-line options; null or blank: not given). A value that does
    /// not parse as its parameter's type is reported in <paramref name="errors"/> like any bad value.
    /// </summary>
    public static ClaimQuery Read(Func<string, string?> value, Dictionary<string, string[]> errors)
    {
        string? Get(QueryParameter p) => value(p.Name) is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var r = new ClaimQuery
        {
            Q = Get(QParameter), Category = Get(CategoryParameter), Who = Get(WhoParameter), Role = Get(RoleParameter), Place = Get(PlaceParameter),
            Country = Get(CountryParameter), Source = Get(SourceParameter), SourceKind = Get(SourceKindParameter), Since = Get(SinceParameter),
            Until = Get(UntilParameter), Sort = Get(SortParameter),
            Limit = Integer(Get(LimitParameter), LimitParameter, errors), Offset = Integer(Get(OffsetParameter), OffsetParameter, errors),
        };
        if (Get(CitationsParameter) is { } c)
        {
            if (bool.TryParse(c, out var b)) r.Citations = b;
            else errors[CitationsParameter.Name] = ["true or false"];
        }
        return r;
    }

    private static int? Integer(string? value, QueryParameter p, Dictionary<string, string[]> errors)
    {
        if (value is null) return null;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        errors[p.Name] = ["must be a whole number"];
        return null;
    }

    /// <summary>The query string of the same query at another <paramref name="offset"/> (a pager's links): the values as given, in <see cref="Parameters"/> order.</summary>
    public IEnumerable<(string Name, string? Value)> ToQuery(int offset)
    {
        foreach (var p in Filters) yield return (p.Name, this[p]);
        yield return (SortParameter.Name, Sort);
        yield return (LimitParameter.Name, Limit?.ToString(CultureInfo.InvariantCulture));
        yield return (OffsetParameter.Name, offset > 0 ? offset.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>The ledger filter these values ask for, or the problems with them (parameter name → messages).</summary>
    public bool TryFilter(int maxLimit, out EntryFilter filter, Dictionary<string, string[]> errors)
    {
        filter = new EntryFilter();
        Category? category = null;
        Role? role = null;
        Tally.Model.SourceKind? kind = null;
        category = CategoryValue(Category, CategoryParameter.Name, errors);
        if (Blank(Role) is { } ro)
        {
            if (Names.TryRole(ro, out var v)) role = v;
            else errors[RoleParameter.Name] = [$"unknown role; one of {string.Join(", ", Enum.GetValues<Role>().Select(Names.Of))}"];
        }
        if (Blank(SourceKind) is { } sk)
        {
            if (Names.TrySourceKind(sk, out var v)) kind = v;
            else errors[SourceKindParameter.Name] = [$"unknown source kind; one of {string.Join(", ", Enum.GetValues<Tally.Model.SourceKind>().Select(Names.Of))}"];
        }
        var who = CountryCode(Who, WhoParameter.Name, errors);
        var country = CountryCode(Country, CountryParameter.Name, errors);
        var since = DateValue(Since, SinceParameter.Name, errors);
        var until = DateValue(Until, UntilParameter.Name, errors);
        var place = TextValue(Place, PlaceParameter.Name, errors);
        var source = TextValue(Source, SourceParameter.Name, errors);
        var search = TextValue(Q, QParameter.Name, errors);
        var sort = Blank(Sort) ?? "id";
        if (!Sorts.Contains(sort)) errors[SortParameter.Name] = [$"one of {string.Join(", ", Sorts)}"];
        var limit = Limit ?? DefaultLimit;
        if (limit < 1 || limit > maxLimit) errors[LimitParameter.Name] = [$"must be between 1 and {maxLimit}"];
        var offset = Offset ?? 0;
        if (offset < 0) errors[OffsetParameter.Name] = ["must not be negative"];
        if (errors.Count > 0) return false;
        filter = new EntryFilter
        {
            Category = category, Who = who, Role = role, Place = place, Country = country, Source = source, SourceKind = kind,
            Since = since, Until = until, Search = search, Limit = limit, Offset = offset, Sort = sort,
        };
        return true;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>A category's name, checked (null: not given).</summary>
    public static Category? CategoryValue(string? value, string name, Dictionary<string, string[]> errors)
    {
        if (Blank(value) is not { } v) return null;
        if (Names.TryCategory(v, out var c)) return c;
        errors[name] = [$"unknown category; one of {string.Join(", ", Enum.GetValues<Category>().Select(Names.Of))}"];
        return null;
    }

    /// <summary>A timeline's query: the affected party's country and the category, both required (API, dashboard, CLI).</summary>
    public static bool TryTimeline(string? who, string? category, Dictionary<string, string[]> errors, out string country, out Category cat)
    {
        var code = CountryCode(who, WhoParameter.Name, errors);
        if (code is null && !errors.ContainsKey(WhoParameter.Name)) errors[WhoParameter.Name] = ["required: the affected party's country (ISO-2)"];
        var c = CategoryValue(category, CategoryParameter.Name, errors);
        if (c is null && !errors.ContainsKey(CategoryParameter.Name)) errors[CategoryParameter.Name] = ["required"];
        country = code ?? "";
        cat = c ?? default;
        return errors.Count == 0;
    }

    /// <summary>A country code, checked and in upper case (null: not given).</summary>
    public static string? CountryCode(string? value, string name, Dictionary<string, string[]> errors)
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
