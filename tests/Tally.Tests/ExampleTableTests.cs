using Tally.Model;

namespace Tally.Tests;

/// <summary>Runs every example table through the extractor.</summary>
public class ExampleTableTests
{
    public static TheoryData<ExampleTables.Row> Counts => ExampleTables.Theory("counts");
    public static TheoryData<ExampleTables.Row> Categories => ExampleTables.Theory("categories");
    public static TheoryData<ExampleTables.Row> Roles => ExampleTables.Theory("roles");
    public static TheoryData<ExampleTables.Row> Hedges => ExampleTables.Theory("hedges");

    /// <summary>counts.tsv: text, low, high, approximate ("-" in low: the text states no claim).</summary>
    [Theory, MemberData(nameof(Counts))]
    public void Count(ExampleTables.Row row)
    {
        var claims = Run.Claims(row["text"], row.Language);
        if (row["low"] == "-")
        {
            Assert.True(claims.Count == 0, $"{row}: expected no claim, got {Run.Describe(claims)}");
            return;
        }
        Assert.True(claims.Count == 1, $"{row}: expected one claim, got {claims.Count}: {Run.Describe(claims)}");
        var c = claims[0].Count;
        Assert.True(Same(row["low"], c.Low) && Same(row["high"], c.High) && (row["approximate"] == "yes") == c.Approximate,
            $"{row}: expected {row["low"]}-{row["high"]}{(row["approximate"] == "yes" ? "~" : "")}, got {Run.Describe(claims)}");
    }

    /// <summary>categories.tsv: text, categories (comma-separated, in text order; "-" for none).</summary>
    [Theory, MemberData(nameof(Categories))]
    public void Category(ExampleTables.Row row)
    {
        var claims = Run.Claims(row["text"], row.Language);
        var got = claims.Count == 0 ? "-" : string.Join(",", claims.Select(c => Names.Of(c.Category)));
        Assert.True(row["categories"] == got, $"{row}: expected {row["categories"]}, got {got} ({Run.Describe(claims)})");
    }

    /// <summary>roles.tsv: text, role, country (of the first claim; "-" for none).</summary>
    [Theory, MemberData(nameof(Roles))]
    public void Role(ExampleTables.Row row)
    {
        var claims = Run.Claims(row["text"], row.Language);
        Assert.True(claims.Count > 0, $"{row}: no claim");
        var who = claims[0].Who;
        Assert.True(row["role"] == Names.Of(who.Role), $"{row}: expected role {row["role"]}, got {Names.Of(who.Role)} ({who.Text})");
        var country = row["country"] is "" or "-" ? null : row["country"];
        Assert.True(country == who.Country, $"{row}: expected country {country ?? "null"}, got {who.Country ?? "null"} ({who.Text})");
    }

    /// <summary>hedges.tsv: text, certainty (of the first claim).</summary>
    [Theory, MemberData(nameof(Hedges))]
    public void Hedge(ExampleTables.Row row)
    {
        var claims = Run.Claims(row["text"], row.Language);
        Assert.True(claims.Count > 0, $"{row}: no claim");
        Assert.True(row["certainty"] == Names.Of(claims[0].Certainty), $"{row}: expected {row["certainty"]}, got {Names.Of(claims[0].Certainty)}");
    }

    private static bool Same(string expected, long? actual) =>
        expected is "" or "null" ? actual is null : long.TryParse(expected, out var v) && v == actual;
}
