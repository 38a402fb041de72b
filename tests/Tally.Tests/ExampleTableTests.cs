using Tally.Extraction;
using Tally.Model;
using Xunit.Sdk;

namespace Tally.Tests;

/// <summary>Runs every example table through the extractor.</summary>
/// <remarks>
/// Every row is a test case of its own, named "&lt;lang&gt;/&lt;dimension&gt;.tsv:&lt;line&gt;: &lt;text&gt;". Run one row alone
/// (end the pattern with ':' so that line 42 does not also pick line 420):
/// <code>
///   dotnet test tests/Tally.Tests --filter "DisplayName~id/categories.tsv:42:"
///   dotnet test tests/Tally.Tests --filter "DisplayName~en/hedges.pending.tsv:9:"     # a pending row (Pending_row_still_fails)
///   dotnet test tests/Tally.Tests --filter "DisplayName~ms/time.tsv"                 # a whole table
/// </code>
/// Each row is also read in the language of its folder: the pipeline settles the language itself (the row's
/// language is only declared, as a news-please "language" would be), and a row read as another language fails.
/// <para>
/// counts.tsv expects exactly one claim (or none, "-"), and categories.tsv lists every claim in text order. The other
/// tables check the first claim; their last column, <c>only</c>, says "yes" when the text yields exactly that one claim
/// and no other (empty: the number of claims is not checked, e.g. a text with a second figure the table is not about).
/// </para>
/// </remarks>
public class ExampleTableTests
{
    public static readonly ExampleTables.Schema CountsTable = new("counts", "text", "low", "high", "approximate");
    public static readonly ExampleTables.Schema CategoriesTable = new("categories", "text", "categories");
    public static readonly ExampleTables.Schema RolesTable = new("roles", "text", "role", "country", "only");
    public static readonly ExampleTables.Schema HedgesTable = new("hedges", "text", "certainty", "only");
    public static readonly ExampleTables.Schema AttributionTable = new("attribution", "text", "source", "name", "country", "kind", "via", "only");
    public static readonly ExampleTables.Schema PlacesTable = new("places", "text", "where", "country", "lat", "lon", "only");
    public static readonly ExampleTables.Schema TimeTable = new("time", "published", "text", "start", "end", "only");

    public static readonly IReadOnlyList<ExampleTables.Schema> Tables =
        [CountsTable, CategoriesTable, RolesTable, HedgesTable, AttributionTable, PlacesTable, TimeTable];

    public static TheoryData<ExampleTables.Row> Counts => ExampleTables.Theory(CountsTable, ExampleTables.PendingInstead);
    public static TheoryData<ExampleTables.Row> Categories => ExampleTables.Theory(CategoriesTable, ExampleTables.PendingInstead);
    public static TheoryData<ExampleTables.Row> Roles => ExampleTables.Theory(RolesTable, ExampleTables.PendingInstead);
    public static TheoryData<ExampleTables.Row> Hedges => ExampleTables.Theory(HedgesTable, ExampleTables.PendingInstead);
    public static TheoryData<ExampleTables.Row> Attribution => ExampleTables.Theory(AttributionTable, ExampleTables.PendingInstead);
    public static TheoryData<ExampleTables.Row> Places => ExampleTables.Theory(PlacesTable, ExampleTables.PendingInstead);
    public static TheoryData<ExampleTables.Row> Times => ExampleTables.Theory(TimeTable, ExampleTables.PendingInstead);

    private const string NoPendingRows = "(none)";

    public static TheoryData<ExampleTables.Row> PendingRows
    {
        get
        {
            var data = new TheoryData<ExampleTables.Row>();
            foreach (var t in Tables)
                foreach (var r in ExampleTables.Load(t, pending: true)) data.Add(r);
            // With every pending row fixed, one placeholder keeps the theory from failing for want of data.
            if (data.Count == 0) data.Add(new ExampleTables.Row("-", NoPendingRows, 0, true, ["text"], ["no pending rows"], ""));
            return data;
        }
    }

    [Theory, MemberData(nameof(Counts))]
    public void Count(ExampleTables.Row row) => CheckCount(row, Read(row));

    [Theory, MemberData(nameof(Categories))]
    public void Category(ExampleTables.Row row) => CheckCategories(row, Read(row));

    [Theory, MemberData(nameof(Roles))]
    public void Role(ExampleTables.Row row) => CheckRole(row, Read(row));

    [Theory, MemberData(nameof(Hedges))]
    public void Hedge(ExampleTables.Row row) => CheckHedge(row, Read(row));

    [Theory, MemberData(nameof(Attribution))]
    public void Attributes_the_figure(ExampleTables.Row row) => CheckAttribution(row, Read(row));

    [Theory, MemberData(nameof(Places))]
    public void Places_the_figure(ExampleTables.Row row) => CheckPlace(row, Read(row));

    [Theory, MemberData(nameof(Times))]
    public void Dates_the_figure(ExampleTables.Row row) => CheckTime(row, Read(row));

    /// <summary>
    /// A pending row states what the engine gets wrong today, so its check must fail (and fail on the expectation: a
    /// broken table or a row read in another language does not count). A pending row that passes moves to its table.
    /// </summary>
    [Theory, MemberData(nameof(PendingRows))]
    public void Pending_row_still_fails(ExampleTables.Row row)
    {
        if (row.Dimension == NoPendingRows) return;
        Assert.True(row.Note.Length > 0, $"{row}: a pending row needs a '#' comment above it saying what the engine does wrong");
        var claims = Read(row);
        try
        {
            Check(row, claims);
        }
        catch (XunitException)
        {
            return;
        }
        Assert.Fail($"{row}: this pending row passes today: move it to {row.Language}/{row.Dimension}.tsv (and drop or keep its comment: '{row.Note}')");
    }

    /// <summary>Every table has a test; a new dimension's file without one would never run.</summary>
    [Fact]
    public void Every_table_file_has_a_test()
    {
        var known = Tables.Select(t => t.Dimension).ToHashSet();
        var orphans = Directory.GetFiles(ExampleTables.Root, "*.tsv", SearchOption.AllDirectories)
            .Select(f => Path.GetFileName(f).Split('.')[0])
            .Where(d => !known.Contains(d)).Distinct().ToList();
        Assert.True(orphans.Count == 0, $"tables without a test: {string.Join(", ", orphans)}");
    }

    /// <summary>A misspelt column in test code throws instead of reading "" (which would switch its check off).</summary>
    [Fact]
    public void Reading_a_column_the_table_does_not_have_throws()
    {
        var row = new ExampleTables.Row("en", "hedges", 7, false, ["text", "certainty"], ["Nine people died.", "asserted"], "");
        Assert.Equal("asserted", row["certainty"]);
        var e = Assert.Throws<ExampleTables.TableException>(() => row["certanty"]);
        Assert.Contains("en/hedges.tsv:7", e.Message);
        Assert.Contains("'certanty'", e.Message);
    }

    /// <summary>
    /// The row's text through the real pipeline, its folder's language declared (not forced), and the language the
    /// pipeline settled on asserted to be that folder's.
    /// </summary>
    private static IReadOnlyList<Claim> Read(ExampleTables.Row row)
    {
        var published = row.Dimension == TimeTable.Dimension && row["published"] is not ("" or "-") ? row["published"] : null;
        var result = Run.Extract(row["text"], row.Language, published);
        Assert.True(result.Document.Language == row.Language,
            $"{row}: declared '{row.Language}' (its folder) but the pipeline read it as '{result.Document.Language}': write it as that language's outlets would");
        return result.Claims;
    }

    private static void Check(ExampleTables.Row row, IReadOnlyList<Claim> claims)
    {
        switch (row.Dimension)
        {
            case "counts": CheckCount(row, claims); break;
            case "categories": CheckCategories(row, claims); break;
            case "roles": CheckRole(row, claims); break;
            case "hedges": CheckHedge(row, claims); break;
            case "attribution": CheckAttribution(row, claims); break;
            case "places": CheckPlace(row, claims); break;
            case "time": CheckTime(row, claims); break;
            default: throw new ExampleTables.TableException($"{row}: no check for dimension '{row.Dimension}'");
        }
    }

    /// <summary>counts.tsv: text, low, high, approximate ("-" in low: the text states no claim; otherwise exactly one claim).</summary>
    private static void CheckCount(ExampleTables.Row row, IReadOnlyList<Claim> claims)
    {
        if (row["low"] == "-")
        {
            Assert.True(claims.Count == 0, $"{row}: expected no claim, got {Run.Describe(claims)}");
            return;
        }
        Assert.True(claims.Count == 1, $"{row}: expected one claim, got {claims.Count}: {Run.Describe(claims)}");
        var c = claims[0].Count;
        var approximate = YesNo(row, "approximate");
        Assert.True(Same(row, "low", c.Low) && Same(row, "high", c.High) && approximate == c.Approximate,
            $"{row}: expected {row["low"]}-{row["high"]}{(approximate ? "~" : "")}, got {Run.Describe(claims)}");
    }

    /// <summary>categories.tsv: text, categories (of every claim, comma-separated, in text order; "-" for none).</summary>
    private static void CheckCategories(ExampleTables.Row row, IReadOnlyList<Claim> claims)
    {
        var got = claims.Count == 0 ? "-" : string.Join(",", claims.Select(c => Names.Of(c.Category)));
        Assert.True(row["categories"] == got, $"{row}: expected {row["categories"]}, got {got} ({Run.Describe(claims)})");
    }

    /// <summary>roles.tsv: text, role, country (of the first claim; "-" for none), only.</summary>
    private static void CheckRole(ExampleTables.Row row, IReadOnlyList<Claim> claims)
    {
        FirstClaim(row, claims);
        var who = claims[0].Who;
        Assert.True(row["role"] == Names.Of(who.Role), $"{row}: expected role {row["role"]}, got {Names.Of(who.Role)} ({who.Text})");
        var country = row["country"] is "" or "-" ? null : row["country"];
        Assert.True(country == who.Country, $"{row}: expected country {country ?? "null"}, got {who.Country ?? "null"} ({who.Text})");
    }

    /// <summary>hedges.tsv: text, certainty (of the first claim), only.</summary>
    private static void CheckHedge(ExampleTables.Row row, IReadOnlyList<Claim> claims)
    {
        FirstClaim(row, claims);
        Assert.True(row["certainty"] == Names.Of(claims[0].Certainty), $"{row}: expected {row["certainty"]}, got {Names.Of(claims[0].Certainty)}");
    }

    /// <summary>
    /// attribution.tsv: text, source (a phrase the first claim's source.text contains; "-" for no source), name ("-" for
    /// none; empty: not checked), country, kind (empty: not checked), via (empty: not checked; "-" for none), only.
    /// </summary>
    private static void CheckAttribution(ExampleTables.Row row, IReadOnlyList<Claim> claims)
    {
        FirstClaim(row, claims);
        var s = claims[0].Source;
        if (row["source"] == "-") { Assert.True(s is null, $"{row}: expected no source, got '{s?.Text}'"); return; }
        Assert.True(s is not null, $"{row}: expected source '{row["source"]}', got none");
        Assert.True(s!.Text.Contains(row["source"], StringComparison.OrdinalIgnoreCase), $"{row}: expected source containing '{row["source"]}', got '{s.Text}'");
        if (row["name"] is { Length: > 0 } name)
            Assert.True(name == "-" ? s.Name is null : s.Name == name, $"{row}: expected name '{name}', got '{s.Name}'");
        if (row["country"] is { Length: > 0 } country)
            Assert.True((country == "-" ? null : country) == s.Country, $"{row}: expected country {country}, got {s.Country ?? "null"} ('{s.Text}')");
        if (row["kind"] is { Length: > 0 } kind)
            Assert.True(kind == Names.Of(s.Kind), $"{row}: expected kind {kind}, got {Names.Of(s.Kind)} ('{s.Text}')");
        if (row["via"] is { Length: > 0 } via)
            Assert.True(via == "-" ? claims[0].Via is null : claims[0].Via?.Contains(via, StringComparison.OrdinalIgnoreCase) == true,
                $"{row}: expected via '{via}', got '{claims[0].Via}'");
    }

    /// <summary>places.tsv: text, where (a phrase where.text contains; "-" for none), country, lat, lon (±0.5°; empty: not checked), only.</summary>
    private static void CheckPlace(ExampleTables.Row row, IReadOnlyList<Claim> claims)
    {
        FirstClaim(row, claims);
        var w = claims[0].Where;
        if (row["where"] == "-") { Assert.True(w is null, $"{row}: expected no place, got '{w?.Text}'"); return; }
        Assert.True(w is not null && w.Text.Contains(row["where"], StringComparison.OrdinalIgnoreCase), $"{row}: expected place '{row["where"]}', got '{w?.Text}'");
        Assert.True(row["country"] == w!.Country, $"{row}: expected country {row["country"]}, got {w.Country}");
        if (row["lat"].Length > 0 || row["lon"].Length > 0)
        {
            var lat = double.Parse(row["lat"], System.Globalization.CultureInfo.InvariantCulture);
            var lon = double.Parse(row["lon"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(w.Lat is { } la && Math.Abs(la - lat) <= 0.5 && w.Lon is { } lo && Math.Abs(lo - lon) <= 0.5,
                $"{row}: expected near {lat},{lon}, got {w.Lat},{w.Lon}");
        }
    }

    /// <summary>time.tsv: published (YYYY-MM-DD or "-"), text, start, end of the first claim's period ("-" for none), only.</summary>
    private static void CheckTime(ExampleTables.Row row, IReadOnlyList<Claim> claims)
    {
        FirstClaim(row, claims);
        var w = claims[0].When;
        if (row["start"] == "-") { Assert.True(w is null, $"{row}: expected no period, got {w?.Start}..{w?.End} ('{w?.Text}')"); return; }
        Assert.True(w is not null, $"{row}: expected {row["start"]}..{row["end"]}, got none");
        Assert.True(w!.Start.ToString("yyyy-MM-dd") == row["start"] && w.End.ToString("yyyy-MM-dd") == row["end"],
            $"{row}: expected {row["start"]}..{row["end"]}, got {w.Start:yyyy-MM-dd}..{w.End:yyyy-MM-dd} ('{w.Text}')");
    }

    /// <summary>
    /// The text yields a claim; with "yes" in the row's <c>only</c> column, exactly one (the tables that check the first
    /// claim's role, certainty, source, place or period would not see a second, spurious one otherwise).
    /// </summary>
    private static void FirstClaim(ExampleTables.Row row, IReadOnlyList<Claim> claims)
    {
        Assert.True(claims.Count > 0, $"{row}: no claim");
        var only = row["only"] switch
        {
            "yes" => true,
            "" => false,
            var v => throw new ExampleTables.TableException($"{row}: column 'only' must be yes or empty, not '{v}'"),
        };
        if (only) Assert.True(claims.Count == 1, $"{row}: expected only this claim ('only' is yes), got {claims.Count}: {Run.Describe(claims)}");
    }

    /// <summary>"yes" or "no" (empty: no); anything else is a broken table, not a failed expectation.</summary>
    private static bool YesNo(ExampleTables.Row row, string column) => row[column] switch
    {
        "yes" => true,
        "no" or "" => false,
        var v => throw new ExampleTables.TableException($"{row}: column '{column}' must be yes or no, not '{v}'"),
    };

    private static bool Same(ExampleTables.Row row, string column, long? actual) => row[column] switch
    {
        "" or "null" => actual is null,
        var e when long.TryParse(e, out var v) => v == actual,
        var e => throw new ExampleTables.TableException($"{row}: column '{column}' must be a number or null, not '{e}'"),
    };
}
