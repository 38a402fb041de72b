using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tally.Documents;
using Tally.Ledger;
using Tally.Model;

namespace Tally.Web.Pages;

/// <summary>
/// The dashboard's pages drawn from what its handlers (<see cref="Dashboard"/>) read: HTML written through <see cref="Html"/>,
/// which encodes every piece of data. This part: the claims table and its filter form, the timeline, the countries and the map;
/// DashboardViews.Documents.cs draws an entry and a document.
/// </summary>
internal static partial class DashboardViews
{
    private static string Cat(Category c) => Names.Of(c);

    // ------------------------------------------------------------------ claims

    public static IResult ClaimsPage(ClaimQuery query, Dictionary<string, string[]> errors, EntryFilter filter, IReadOnlyList<LedgerEntry> entries,
        long total, IReadOnlyList<string> countries)
    {
        var ok = errors.Count == 0;

        var h = new Html();
        h.Raw("<h1>Claims</h1>\n");
        FilterForm(h, query, countries);
        if (!ok)
        {
            h.Raw("<div class=\"errors\" role=\"alert\"><p>Some filters are not valid:</p><ul>");
            foreach (var (name, messages) in errors) h.Raw("<li>").Text(name).Raw(": ").Text(string.Join("; ", messages)).Raw("</li>");
            h.Raw("</ul></div>\n");
            return Html.Page("Claims", "Claims", h, StatusCodes.Status400BadRequest);
        }
        int first = entries.Count == 0 ? 0 : filter.Offset + 1;
        h.Raw("<p class=\"summary\" role=\"status\" id=\"result-count\">");
        if (total == 0) h.Raw("No entries match these filters.");
        else h.Raw("Showing ").Number(first).Raw("–").Number(filter.Offset + entries.Count).Raw(" of ").Number(total).Raw(total == 1 ? " entry." : " entries.");
        h.Raw("</p>\n");
        if (entries.Count > 0)
        {
            h.Raw("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"claims-caption\" tabindex=\"0\">\n<table class=\"claims cards\">\n<caption id=\"claims-caption\">Ledger entries</caption>\n<thead><tr>");
            foreach (var col in new[] { "Entry", "Category", "Count", "Affected party", "Place", "Source", "Certainty", "First seen", "Citations" })
                h.Raw("<th scope=\"col\">").Text(col).Raw("</th>");
            h.Raw("</tr></thead>\n<tbody>\n");
            foreach (var e in entries)
            {
                var c = e.Claim;
                h.Raw("<tr data-entry=\"").Number(e.Id).Raw("\" data-category=\"").Raw(Cat(c.Category)).Raw("\">");
                h.Raw("<td data-label=\"Entry\">").Link($"/entries/{e.Id}", $"#{e.Id}").Raw("</td>");
                h.Raw("<td data-label=\"Category\" class=\"category\">").Text(Cat(c.Category)).Raw("</td>");
                h.Raw("<td data-label=\"Count\" class=\"count\">").Text(c.Count.Display()).Raw(" <span class=\"as-written\">(").Text(c.Count.Text).Raw(")</span></td>");
                h.Raw("<td data-label=\"Affected party\">").Text(c.Who.Text ?? "—").Raw(" <span class=\"meta\">").Text(c.Who.Country ?? "?").Raw(", ").Text(Names.Of(c.Who.Role).Replace('_', ' ')).Raw("</span></td>");
                h.Raw("<td data-label=\"Place\">").Text(c.Where is { } w ? w.Text : "—");
                if (c.Where?.Country is { } wc) h.Raw(" <span class=\"meta\">").Text(wc).Raw("</span>");
                h.Raw("</td>");
                h.Raw("<td data-label=\"Source\">").Text(c.Source?.Text ?? "— (the outlet)").Raw("</td>");
                h.Raw("<td data-label=\"Certainty\">").Text(Names.Of(c.Certainty)).Raw("</td>");
                h.Raw("<td data-label=\"First seen\" class=\"date\">").Text(e.FirstSeen ?? "undated").Raw("</td>");
                h.Raw("<td data-label=\"Citations\">").Number(e.CitationCount).Raw("</td>");
                h.Raw("</tr>\n");
            }
            h.Raw("</tbody>\n</table>\n</div>\n");
        }
        if (total > filter.Limit)
        {
            h.Raw("<nav class=\"pager\" aria-label=\"Pages\">");
            if (filter.Offset > 0) h.Raw("<a rel=\"prev\"").Attr("href", "/" + PageQuery(query, Math.Max(0, filter.Offset - filter.Limit))).Raw(">Previous page</a> ");
            if (filter.Offset + entries.Count < total) h.Raw("<a rel=\"next\"").Attr("href", "/" + PageQuery(query, filter.Offset + filter.Limit)).Raw(">Next page</a>");
            h.Raw("</nav>\n");
        }
        h.Raw("<p class=\"api-hint\">The same list as JSON: <a").Attr("href", "/api/claims" + PageQuery(query, filter.Offset)).Raw(">/api/claims</a>.</p>\n");
        return Html.Page("Claims", "Claims", h);
    }

    private static string PageQuery(ClaimQuery q, int offset) => Html.Query([.. q.ToQuery(offset)]);

    private static void FilterForm(Html h, ClaimQuery q, IReadOnlyList<string> countries)
    {
        h.Raw("<form class=\"filters\" method=\"get\" action=\"/\" role=\"search\" aria-label=\"Filter claims\">\n<div class=\"fields\">\n");
        Input(h, ClaimQuery.QParameter.Name, "Search", q.Q, "search", hint: "Words of the evidence, party, place or source");
        Select(h, ClaimQuery.CategoryParameter.Name, "Category", q.Category, Enum.GetValues<Category>().Select(c => (Cat(c), Cat(c))));
        Select(h, ClaimQuery.WhoParameter.Name, "Affected party's country", q.Who?.ToUpperInvariant(), countries.Select(c => (c, CountryLabel(c))));
        h.Raw("</div>\n");
        // The rest folds away (open when one of them is in use), so that results come first on a phone.
        bool more = new[] { q.Role, q.Place, q.Country, q.Source, q.SourceKind, q.Since, q.Until, q.Sort }.Any(v => !string.IsNullOrWhiteSpace(v));
        h.Raw(more ? "<details class=\"more\" open>" : "<details class=\"more\">").Raw("<summary>More filters and sorting</summary>\n<div class=\"fields\">\n");
        Select(h, ClaimQuery.RoleParameter.Name, "Role", q.Role, Enum.GetValues<Role>().Select(r => (Names.Of(r), Names.Of(r).Replace('_', ' '))));
        Input(h, ClaimQuery.PlaceParameter.Name, "Place", q.Place, "text");
        Input(h, ClaimQuery.CountryParameter.Name, "Country where it happened", q.Country, "text", hint: "Two-letter code, e.g. ID", pattern: "[A-Za-z]{2}", maxLength: 2);
        Input(h, ClaimQuery.SourceParameter.Name, "Source", q.Source, "text");
        Select(h, ClaimQuery.SourceKindParameter.Name, "Kind of source", q.SourceKind, Enum.GetValues<SourceKind>().Select(k => (Names.Of(k), Names.Of(k).Replace('_', ' '))));
        Input(h, ClaimQuery.SinceParameter.Name, "Seen since", q.Since, "date");
        Input(h, ClaimQuery.UntilParameter.Name, "Seen until", q.Until, "date");
        Select(h, ClaimQuery.SortParameter.Name, "Sort by", q.Sort, [("count", "count (largest first)"), ("first_seen", "first seen"), ("last_seen", "last seen (newest first)"), ("citations", "citations (most first)")], anyLabel: "entry number");
        h.Raw("</div>\n</details>\n<div class=\"actions\"><button type=\"submit\">Filter</button> <a href=\"/\">Clear filters</a></div>\n</form>\n");
    }

    internal static string CountryLabel(string code) =>
        Tally.Gazetteer.Gazetteer.Default.CountryName(code) is { } name ? $"{code} — {name}" : code;

    private static void Input(Html h, string name, string label, string? value, string type, string? hint = null, string? pattern = null, int? maxLength = null)
    {
        h.Raw("<div class=\"field\"><label").Attr("for", "f-" + name).Raw(">").Text(label).Raw("</label>");
        h.Raw("<input").Attr("id", "f-" + name).Attr("name", name).Attr("type", type);
        if (value is not null) h.Attr("value", value);
        if (pattern is not null) h.Attr("pattern", pattern);
        if (maxLength is { } m) h.Attr("maxlength", m.ToString(CultureInfo.InvariantCulture));
        if (hint is not null) h.Attr("aria-describedby", "f-" + name + "-hint");
        h.Raw(">");
        if (hint is not null) h.Raw("<span class=\"hint\"").Attr("id", "f-" + name + "-hint").Raw(">").Text(hint).Raw("</span>");
        h.Raw("</div>\n");
    }

    private static void Select(Html h, string name, string label, string? value, IEnumerable<(string Value, string Label)> options, string anyLabel = "any")
    {
        h.Raw("<div class=\"field\"><label").Attr("for", "f-" + name).Raw(">").Text(label).Raw("</label>");
        h.Raw("<select").Attr("id", "f-" + name).Attr("name", name).Raw("><option value=\"\">").Text(anyLabel).Raw("</option>");
        foreach (var (v, l) in options)
        {
            h.Raw("<option").Attr("value", v);
            if (string.Equals(v, value, StringComparison.OrdinalIgnoreCase)) h.Raw(" selected");
            h.Raw(">").Text(l).Raw("</option>");
        }
        h.Raw("</select></div>\n");
    }

    // ------------------------------------------------------------------ timeline

    public static IResult TimelinePage(string? who, Category category, bool chosen, bool categoryGiven, string? error,
        IReadOnlyList<string> countries, IReadOnlyList<TimelineSeries> series)
    {
        var h = new Html();
        h.Raw("<h1>Timeline</h1>\n<p>Every source’s estimates of one figure over time: pick the affected party’s country and the category.</p>\n");
        h.Raw("<form class=\"filters\" method=\"get\" action=\"/timeline\" aria-label=\"Choose a figure\">\n<div class=\"fields\">\n");
        Select(h, ClaimQuery.WhoParameter.Name, "Affected party's country", who, countries.Select(c => (c, CountryLabel(c))), anyLabel: "choose…");
        Select(h, ClaimQuery.CategoryParameter.Name, "Category", chosen || categoryGiven ? Cat(category) : null, Enum.GetValues<Category>().Select(c => (Cat(c), Cat(c))), anyLabel: "choose…");
        h.Raw("</div>\n<div class=\"actions\"><button type=\"submit\">Show</button></div>\n</form>\n");
        if (error is not null)
        {
            h.Raw("<p class=\"errors\" role=\"alert\">").Text(error).Raw("</p>\n");
            return Html.Page("Timeline", "Timeline", h, StatusCodes.Status400BadRequest);
        }
        if (!chosen) return Html.Page("Timeline", "Timeline", h);
        var name = $"{Cat(category)} — {CountryLabel(who!)}";
        h.Raw("<h2 id=\"chart-title\">").Text(name).Raw("</h2>\n");
        h.Raw("<p role=\"status\" id=\"series-count\">").Number(series.Count).Raw(series.Count == 1 ? " source, " : " sources, ").Number(series.Sum(s => s.Points.Count)).Raw(series.Sum(s => s.Points.Count) == 1 ? " estimate." : " estimates.").Raw("</p>\n");
        if (series.Count == 0) return Html.Page("Timeline", "Timeline", h);
        var q = Html.Query(("who", who), ("category", Cat(category)));
        h.Raw("<figure class=\"chart\"><img").Attr("src", "/charts/timeline.svg" + q).Attr("alt", $"Chart of the estimates of {name} by source over time; the same figures are in the tables below.")
            .Raw(" width=\"1000\" height=\"560\"><figcaption>Estimates by source: one line per source; shaded bands are ranges, triangles are lower bounds (“at least”). Undated estimates are listed below only.</figcaption></figure>\n");
        int k = 0;
        foreach (var s in series)
        {
            k++;
            h.Raw("<section class=\"series\"").Attr("aria-labelledby", $"series-{k}").Attr("data-source-key", s.SourceKey).Raw(">\n<h3").Attr("id", $"series-{k}").Raw(">").Text(s.SourceText).Raw("</h3>\n");
            h.Raw("<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"").Attr("aria-label", $"Estimates by {s.SourceText}").Raw(">\n<table class=\"cards\"><thead><tr>");
            foreach (var col in new[] { "Date", "Count", "As written", "Citations", "Entry" }) h.Raw("<th scope=\"col\">").Text(col).Raw("</th>");
            h.Raw("</tr></thead>\n<tbody>\n");
            foreach (var p in s.Points)
            {
                h.Raw("<tr><td data-label=\"Date\">").Text(p.Date ?? "undated").Raw("</td><td data-label=\"Count\">").Text(new Count(p.Low, p.High, p.Approximate, p.CountText).Display())
                    .Raw("</td><td data-label=\"As written\">").Text(p.CountText).Raw("</td><td data-label=\"Citations\">").Number(p.Citations)
                    .Raw("</td><td data-label=\"Entry\">").Link($"/entries/{p.EntryId}", $"#{p.EntryId}").Raw("</td></tr>\n");
            }
            h.Raw("</tbody></table>\n</div>\n</section>\n");
        }
        h.Raw("<p class=\"api-hint\">As JSON: <a").Attr("href", "/api/timeline" + q).Raw(">/api/timeline</a>.</p>\n");
        return Html.Page($"Timeline: {name}", "Timeline", h);
    }

    public static IResult TimelineSvg(IReadOnlyList<TimelineSeries> series, string who, Category category) =>
        Results.Content(TimelinePlot.Svg(series, $"{Cat(category)} — {who}"), "image/svg+xml; charset=utf-8");

    // ------------------------------------------------------------------ countries and the map

    private static readonly Lazy<string> Land = new(() =>
        System.Text.RegularExpressions.Regex.Match(StaticAssets.Text("world-land.svg"), " d=\"([^\"]+)\"").Groups[1].Value);

    /// <summary>
    /// The map: land outlines (Natural Earth 1:110m, equirectangular; wwwroot/world-land.svg) and a circle per affected
    /// party's country at its capital, its area proportional to the country's entries. Drawn here, with every label encoded.
    /// </summary>
    public static IResult MapSvg(IReadOnlyList<(string Country, string Category, int Entries, long Sum)> rows)
    {
        var counts = rows.Where(r => r.Country.Length > 0).GroupBy(r => r.Country).Select(g => (Country: g.Key, Entries: g.Sum(x => x.Entries))).ToList();
        int most = counts.Count == 0 ? 1 : counts.Max(c => c.Entries);
        var gaz = Tally.Gazetteer.Gazetteer.Default;
        var svg = new Html();
        // Latitudes 85 N to 60 S: y = 90 - lat, x = lon + 180.
        svg.Raw("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 5 360 145\" width=\"1000\" height=\"403\" font-family=\"DejaVu Sans, sans-serif\">\n")
            .Raw("<rect x=\"0\" y=\"5\" width=\"360\" height=\"145\" fill=\"#dcebf7\"/>\n");
        for (int lon = -150; lon < 180; lon += 30) svg.Raw($"<line x1=\"{lon + 180}\" y1=\"5\" x2=\"{lon + 180}\" y2=\"150\" stroke=\"#b9cfe3\" stroke-width=\"0.2\"/>");
        for (int lat = -60; lat <= 60; lat += 30) svg.Raw($"<line x1=\"0\" y1=\"{90 - lat}\" x2=\"360\" y2=\"{90 - lat}\" stroke=\"#b9cfe3\" stroke-width=\"0.2\"/>");
        svg.Raw("\n<path fill=\"#f3efe4\" stroke=\"#8c8c8c\" stroke-width=\"0.2\"").Attr("d", Land.Value).Raw("/>\n");
        foreach (var (country, entries) in counts.OrderByDescending(c => c.Entries))
        {
            if (gaz.CountryPoint(country) is not { } p) continue;
            double x = p.Lon + 180, y = 90 - p.Lat, r = 1.2 + 7.0 * Math.Sqrt(entries / (double)most);
            var cx = x.ToString("0.##", CultureInfo.InvariantCulture);
            var cy = y.ToString("0.##", CultureInfo.InvariantCulture);
            svg.Raw("<g><title>").Text($"{CountryLabel(country)}: {entries} {(entries == 1 ? "entry" : "entries")}").Raw("</title>")
                .Raw($"<circle cx=\"{cx}\" cy=\"{cy}\" r=\"{r.ToString("0.##", CultureInfo.InvariantCulture)}\" fill=\"#b3261e\" fill-opacity=\"0.55\" stroke=\"#6b1410\" stroke-width=\"0.3\"/>")
                .Raw($"<text x=\"{(x + r + 0.8).ToString("0.##", CultureInfo.InvariantCulture)}\" y=\"{(y + 1.2).ToString("0.##", CultureInfo.InvariantCulture)}\" font-size=\"4\" fill=\"#1a1a1a\" stroke=\"#ffffff\" stroke-width=\"0.6\" paint-order=\"stroke\">")
                .Text($"{country} {entries}").Raw("</text></g>\n");
        }
        svg.Raw("</svg>\n");
        return Results.Content(svg.ToString(), "image/svg+xml; charset=utf-8");
    }

    public static IResult CountriesPage(IReadOnlyList<(string Country, string Category, int Entries, long Sum)> rows)
    {
        var cats = Enum.GetValues<Category>();
        var h = new Html();
        h.Raw("<h1>Claims by country</h1>\n<p>Ledger entries per affected party’s country and category: the number of entries, and under it the sum of their counts (lower bounds where a count is a range). A country links to its claims; a cell to that category’s.</p>\n");
        if (rows.Count == 0) { h.Raw("<p>The ledger is empty.</p>"); return Html.Page("Countries", "Countries", h); }
        h.Raw("<figure class=\"chart map\"><img src=\"/charts/map.svg\" width=\"1000\" height=\"403\"")
            .Attr("alt", $"Map of the affected parties' countries: a circle for each of {rows.Select(r => r.Country).Where(c => c.Length > 0).Distinct().Count()} countries, sized by its number of entries; the table below has the figures.")
            .Raw("><figcaption>Entries by affected party’s country (circle area ∝ entries; at the country’s capital).</figcaption></figure>\n");
        h.Raw("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"countries-caption\" tabindex=\"0\">\n<table class=\"countries cards\">\n<caption id=\"countries-caption\">Entries by affected party’s country</caption>\n<thead><tr><th scope=\"col\">Country</th>");
        foreach (var c in cats) h.Raw("<th scope=\"col\">").Text(Cat(c)).Raw("</th>");
        h.Raw("<th scope=\"col\">All</th></tr></thead>\n<tbody>\n");
        foreach (var g in rows.GroupBy(r => r.Country).OrderBy(g => g.Key.Length == 0 ? 1 : 0).ThenByDescending(g => g.Sum(x => x.Entries)).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            h.Raw("<tr><th scope=\"row\" data-label=\"Country\">");
            if (g.Key.Length == 0) h.Text("unknown");
            else h.Link("/" + Html.Query(("who", g.Key)), CountryLabel(g.Key));
            h.Raw("</th>");
            foreach (var c in cats)
            {
                var cell = g.FirstOrDefault(x => x.Category == Cat(c));
                h.Raw("<td").Attr("data-label", Cat(c)).Raw(">");
                if (cell.Entries > 0)
                {
                    var label = $"{cell.Entries} {(cell.Entries == 1 ? "entry" : "entries")}";
                    if (g.Key.Length > 0) h.Link("/" + Html.Query(("who", g.Key), ("category", Cat(c))), label); else h.Text(label);
                    h.Raw("<br><span class=\"meta\">").Text(cell.Sum.ToString("N0", CultureInfo.InvariantCulture)).Raw(" people</span>");
                }
                else h.Raw("<span class=\"none\">—</span>");
                h.Raw("</td>");
            }
            h.Raw("<td data-label=\"All\">").Number(g.Sum(x => x.Entries)).Raw("</td></tr>\n");
        }
        h.Raw("</tbody>\n</table>\n</div>\n");
        return Html.Page("Countries", "Countries", h);
    }
}
