using Tally.Model;

namespace Tally.Tests;

/// <summary>Runs every example table through the extractor.</summary>
public class ExampleTableTests
{
    public static TheoryData<ExampleTables.Row> Counts => ExampleTables.Theory("counts");
    public static TheoryData<ExampleTables.Row> Categories => ExampleTables.Theory("categories");
    public static TheoryData<ExampleTables.Row> Roles => ExampleTables.Theory("roles");
    public static TheoryData<ExampleTables.Row> Hedges => ExampleTables.Theory("hedges");
    public static TheoryData<ExampleTables.Row> Attribution => ExampleTables.Theory("attribution");
    public static TheoryData<ExampleTables.Row> Places => ExampleTables.Theory("places");
    public static TheoryData<ExampleTables.Row> Times => ExampleTables.Theory("time");

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

    /// <summary>
    /// attribution.tsv: text, source (a phrase the first claim's source.text contains; "-" for no source), name ("-" for
    /// none; empty: not checked), country, kind (empty: not checked), via (empty: not checked; "-" for none).
    /// </summary>
    [Theory, MemberData(nameof(Attribution))]
    public void Attributes_the_figure(ExampleTables.Row row)
    {
        var claims = Run.Claims(row["text"], row.Language);
        Assert.True(claims.Count > 0, $"{row}: no claim");
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

    /// <summary>places.tsv: text, where (a phrase where.text contains; "-" for none), country, lat, lon (±0.5°; empty: not checked).</summary>
    [Theory, MemberData(nameof(Places))]
    public void Places_the_figure(ExampleTables.Row row)
    {
        var claims = Run.Claims(row["text"], row.Language);
        Assert.True(claims.Count > 0, $"{row}: no claim");
        var w = claims[0].Where;
        if (row["where"] == "-") { Assert.True(w is null, $"{row}: expected no place, got '{w?.Text}'"); return; }
        Assert.True(w is not null && w.Text.Contains(row["where"], StringComparison.OrdinalIgnoreCase), $"{row}: expected place '{row["where"]}', got '{w?.Text}'");
        Assert.True(row["country"] == w!.Country, $"{row}: expected country {row["country"]}, got {w.Country}");
        if (row["lat"].Length > 0)
        {
            var lat = double.Parse(row["lat"], System.Globalization.CultureInfo.InvariantCulture);
            var lon = double.Parse(row["lon"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(w.Lat is { } la && Math.Abs(la - lat) <= 0.5 && w.Lon is { } lo && Math.Abs(lo - lon) <= 0.5,
                $"{row}: expected near {lat},{lon}, got {w.Lat},{w.Lon}");
        }
    }

    /// <summary>time.tsv: published (YYYY-MM-DD or "-"), text, start, end of the first claim's period ("-" for none).</summary>
    [Theory, MemberData(nameof(Times))]
    public void Dates_the_figure(ExampleTables.Row row)
    {
        var published = row["published"] is "" or "-" ? null : row["published"];
        var claims = Run.Claims(row["text"], row.Language, published);
        Assert.True(claims.Count > 0, $"{row}: no claim");
        var w = claims[0].When;
        if (row["start"] == "-") { Assert.True(w is null, $"{row}: expected no period, got {w?.Start}..{w?.End} ('{w?.Text}')"); return; }
        Assert.True(w is not null, $"{row}: expected {row["start"]}..{row["end"]}, got none");
        Assert.True(w!.Start.ToString("yyyy-MM-dd") == row["start"] && w.End.ToString("yyyy-MM-dd") == row["end"],
            $"{row}: expected {row["start"]}..{row["end"]}, got {w.Start:yyyy-MM-dd}..{w.End:yyyy-MM-dd} ('{w.Text}')");
    }

    private static bool Same(string expected, long? actual) =>
        expected is "" or "null" ? actual is null : long.TryParse(expected, out var v) && v == actual;
}
