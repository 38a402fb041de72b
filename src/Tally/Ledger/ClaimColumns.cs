using System.Data;
using System.Data.Common;
using System.Globalization;
using Tally.Model;

namespace Tally.Ledger;

/// <summary>
/// The columns a claim is stored in (a row of claims, and the face of a row of entries): each column's name and how a
/// claim's value is bound to it. The column list, the parameter list of every INSERT and UPDATE that writes a claim,
/// and the positions <see cref="Read"/> reads all come from this one table, so that they cannot drift apart: a new
/// field is one line here (and a migration). The evidence sentence is not among the columns written: it is stored once per
/// document span in the table of sentences (migration 8), which a row points to by its sentence_id; <see cref="Select"/>
/// reads it from there (or, for a row stored before, from the row's own evidence column).
/// </summary>
internal static class ClaimColumns
{
    /// <summary>A column; its parameter is its name after an @ (no other parameter of the ledger's SQL is named like a column).</summary>
    internal sealed record Column(string Name, Func<Claim, object?> Value)
    {
        public string Parameter { get; } = "@" + Name;
    }

    public static readonly Column[] All =
    [
        new("category", c => Names.Of(c.Category)),
        new("low", c => TypedNull.Int64(c.Count.Low)),
        new("high", c => TypedNull.Int64(c.Count.High)),
        new("approximate", c => c.Count.Approximate ? 1 : 0),
        new("count_text", c => c.Count.Text),
        new("who_text", c => c.Who.Text),
        new("who_country", c => c.Who.Country),
        new("who_role", c => Names.Of(c.Who.Role)),
        new("where_text", c => c.Where?.Text),
        new("where_country", c => c.Where?.Country),
        new("where_lat", c => TypedNull.Double(c.Where?.Lat)),
        new("where_lon", c => TypedNull.Double(c.Where?.Lon)),
        new("when_text", c => c.When?.Text),
        new("when_start", c => c.When?.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("when_end", c => c.When?.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("source_text", c => c.Source?.Text),
        new("source_name", c => c.Source?.Name),
        new("source_country", c => c.Source?.Country),
        new("source_kind", c => c.Source is null ? null : Names.Of(c.Source.Kind)),
        new("via", c => c.Via),
        new("certainty", c => Names.Of(c.Certainty)),
        new("evidence_start", c => c.Evidence.Start),
        new("evidence_end", c => c.Evidence.End),
    ];

    /// <summary>How many columns <see cref="Select"/> selects (those written, then the evidence sentence): the position of
    /// the first column a query selects after them.</summary>
    public static int Count => All.Length + 1;

    /// <summary>"category, low, ...": the columns, for an INSERT's or UPDATE's column list.</summary>
    public static readonly string List = string.Join(", ", All.Select(c => c.Name));

    /// <summary>"@category, @low, ...": their parameters, in the same order.</summary>
    public static readonly string Parameters = string.Join(", ", All.Select(c => c.Parameter));

    /// <summary>The columns of the table aliased <paramref name="alias"/>, for a SELECT that <see cref="Read"/> reads.</summary>
    public static string Select(string alias) =>
        string.Join(", ", All.Select(c => alias + "." + c.Name)) + ", " + Sentence(alias);

    /// <summary>The evidence sentence of a row of claims or entries aliased <paramref name="alias"/>, as SQL: its stored
    /// sentence, or the copy a row stored before migration 8 kept.</summary>
    public static string Sentence(string alias) =>
        $"COALESCE((SELECT s.text FROM sentences s WHERE s.id = {alias}.sentence_id), {alias}.evidence)";

    /// <summary>A claim's values as parameters, followed by <paramref name="extra"/>: one array, filled in place.</summary>
    public static (string, object?)[] Bind(Claim c, params ReadOnlySpan<(string, object?)> extra)
    {
        var all = All;
        var ps = new (string, object?)[all.Length + extra.Length];
        for (int i = 0; i < all.Length; i++) ps[i] = (all[i].Parameter, all[i].Value(c));
        extra.CopyTo(ps.AsSpan(all.Length));
        return ps;
    }

    // Where Read finds each column: its place in the table above.
    private static readonly int Category = At("category"), Low = At("low"), High = At("high"), Approximate = At("approximate"),
        CountText = At("count_text"), WhoText = At("who_text"), WhoCountry = At("who_country"), WhoRole = At("who_role"),
        WhereText = At("where_text"), WhereCountry = At("where_country"), WhereLat = At("where_lat"), WhereLon = At("where_lon"),
        WhenText = At("when_text"), WhenStart = At("when_start"), WhenEnd = At("when_end"), SourceText = At("source_text"),
        SourceName = At("source_name"), SourceCountry = At("source_country"), SourceKindAt = At("source_kind"), Via = At("via"),
        CertaintyAt = At("certainty"), EvidenceStart = At("evidence_start"), EvidenceEnd = At("evidence_end");
    private static int Evidence => All.Length;

    private static int At(string name)
    {
        int i = Array.FindIndex(All, c => c.Name == name);
        return i >= 0 ? i : throw new InvalidOperationException($"no claim column {name}");
    }

    /// <summary>The claim in the current row of a query that selected <see cref="Select"/> first.</summary>
    public static Claim Read(DbDataReader r)
    {
        Names.TryCategory(r.GetString(Category), out var cat);
        Names.TryRole(r.GetString(WhoRole), out var role);
        Names.TryCertainty(r.GetString(CertaintyAt), out var cert);
        var where = LedgerStore.Str(r, WhereText) is { } wt
            ? new Place(wt, LedgerStore.Str(r, WhereCountry), LedgerStore.Dbl(r, WhereLat), LedgerStore.Dbl(r, WhereLon))
            : null;
        var when = LedgerStore.Str(r, WhenStart) is { } ws && LedgerStore.Str(r, WhenEnd) is { } we
            ? new Period(LedgerStore.Str(r, WhenText) ?? "", DateOnly.ParseExact(ws, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(we, "yyyy-MM-dd", CultureInfo.InvariantCulture))
            : null;
        var source = LedgerStore.Str(r, SourceText) is { } st
            ? new Source(st, LedgerStore.Str(r, SourceName), LedgerStore.Str(r, SourceCountry),
                Names.TrySourceKind(LedgerStore.Str(r, SourceKindAt) ?? "", out var k) ? k : SourceKind.Unspecified)
            : null;
        return new Claim(cat, new Count(LedgerStore.Long(r, Low), LedgerStore.Long(r, High), Convert.ToInt32(r.GetValue(Approximate)) != 0, r.GetString(CountText)),
            new Party(LedgerStore.Str(r, WhoText), LedgerStore.Str(r, WhoCountry), role), where, when, source, LedgerStore.Str(r, Via), cert,
            new Evidence(r.GetString(Evidence), Convert.ToInt32(r.GetValue(EvidenceStart)), Convert.ToInt32(r.GetValue(EvidenceEnd))));
    }
}

/// <summary>A null that still says its type (PostgreSQL will not guess a column's type from an untyped null).</summary>
internal sealed record TypedNull(DbType Type)
{
    private static readonly TypedNull NullInt64 = new(DbType.Int64), NullDouble = new(DbType.Double);
    public static object Int64(long? v) => v is { } x ? x : NullInt64;
    public static object Double(double? v) => v is { } x ? x : NullDouble;
}
