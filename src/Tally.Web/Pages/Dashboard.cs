using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tally.Documents;
using Tally.Ledger;
using Tally.Model;
using Tally.Web.Api;

namespace Tally.Web.Pages;

/// <summary>
/// The dashboard: server-rendered HTML pages (no script), every piece of data encoded (see <see cref="Html"/>).
/// Claims table with filters and search; an entry with its citations, each evidence sentence in its paragraph with its
/// parts highlighted; a document's cleaned text with every claim highlighted; the timeline of a figure by source; a table
/// of claims per country.
/// </summary>
internal static class Dashboard
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", Claims);
        pages.MapGet("/entries/{id:long}", Entry);
        pages.MapGet("/documents/{id:long}", DocumentPage);
        pages.MapGet("/timeline", Timeline);
        pages.MapGet("/charts/timeline.svg", TimelineSvg);
        pages.MapGet("/countries", Countries);
        pages.MapGet("/charts/map.svg", MapSvg);
    }

    private static string Cat(Category c) => Names.Of(c);

    // ------------------------------------------------------------------ claims

    private static async Task<IResult> Claims(HttpRequest request, LedgerPool pool, WebSettings settings, CancellationToken cancel)
    {
        var errors = new Dictionary<string, string[]>();
        var query = ClaimQuery.Read(name => request.Query[name].FirstOrDefault(), errors);
        query.TryFilter(Math.Min(settings.MaxPageSize, 200), out var filter, errors);
        var ok = errors.Count == 0;
        var (entries, total, countries) = await pool.UseAsync(s =>
        {
            var countries = s.ByCountry().Select(x => x.Country).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
            if (!ok) return ((IReadOnlyList<LedgerEntry>)[], 0L, countries);
            var list = s.List(filter);
            return (list, s.CountEntries(filter), countries);
        }, cancel);

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
        Input(h, "q", "Search", q.Q, "search", hint: "Words of the evidence, party, place or source");
        Select(h, "category", "Category", q.Category, Enum.GetValues<Category>().Select(c => (Cat(c), Cat(c))));
        Select(h, "who", "Affected party's country", q.Who?.ToUpperInvariant(), countries.Select(c => (c, CountryLabel(c))));
        h.Raw("</div>\n");
        // The rest folds away (open when one of them is in use), so that results come first on a phone.
        bool more = new[] { q.Role, q.Place, q.Country, q.Source, q.SourceKind, q.Since, q.Until, q.Sort }.Any(v => !string.IsNullOrWhiteSpace(v));
        h.Raw(more ? "<details class=\"more\" open>" : "<details class=\"more\">").Raw("<summary>More filters and sorting</summary>\n<div class=\"fields\">\n");
        Select(h, "role", "Role", q.Role, Enum.GetValues<Role>().Select(r => (Names.Of(r), Names.Of(r).Replace('_', ' '))));
        Input(h, "place", "Place", q.Place, "text");
        Input(h, "country", "Country where it happened", q.Country, "text", hint: "Two-letter code, e.g. ID", pattern: "[A-Za-z]{2}", maxLength: 2);
        Input(h, "source", "Source", q.Source, "text");
        Select(h, "source_kind", "Kind of source", q.SourceKind, Enum.GetValues<SourceKind>().Select(k => (Names.Of(k), Names.Of(k).Replace('_', ' '))));
        Input(h, "since", "Seen since", q.Since, "date");
        Input(h, "until", "Seen until", q.Until, "date");
        Select(h, "sort", "Sort by", q.Sort, [("count", "count (largest first)"), ("first_seen", "first seen"), ("last_seen", "last seen (newest first)"), ("citations", "citations (most first)")], anyLabel: "entry number");
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

    // ------------------------------------------------------------------ one entry

    private sealed record CitationView(Citation Citation, Document? Document, Claim? Claim);

    private static async Task<IResult> Entry(long id, LedgerPool pool, CancellationToken cancel)
    {
        var data = await pool.UseAsync(s =>
        {
            var e = s.Get(id);
            if (e is null) return default((LedgerEntry, List<CitationView>)?);
            var docs = new Dictionary<long, (long RowId, Document Document, IReadOnlyList<(Claim Claim, long? EntryId)> Claims)?>();
            var views = new List<CitationView>();
            foreach (var c in e.Citations)
            {
                if (!docs.TryGetValue(c.DocumentRowId, out var d)) docs[c.DocumentRowId] = d = s.GetDocument(c.DocumentRowId);
                // The citation's own claim: same entry, same sentence.
                var claim = d?.Claims.Where(x => x.EntryId == e.Id && x.Claim.Evidence.Start == c.Evidence.Start).Select(x => x.Claim).FirstOrDefault();
                views.Add(new CitationView(c, d?.Document, claim));
            }
            return (e, views);
        }, cancel);
        if (data is not { } found) return Html.Error(StatusCodes.Status404NotFound, "Not found", $"There is no ledger entry {id}.");
        var (entry, citations) = found;
        var c = entry.Claim;
        var title = $"{Cat(c.Category)} {c.Count.Display()}";
        var h = new Html();
        h.Raw("<p class=\"crumbs\"><a href=\"/\">Claims</a> › Entry ").Number(entry.Id).Raw("</p>\n");
        h.Raw("<h1><span class=\"category\">").Text(Cat(c.Category)).Raw("</span> ").Text(c.Count.Display()).Raw("</h1>\n");
        h.Raw("<dl class=\"fields\">\n");
        Field(h, "As written", c.Count.Text);
        Field(h, "Affected party", $"{c.Who.Text ?? "—"} ({c.Who.Country ?? "country unknown"}, {Names.Of(c.Who.Role).Replace('_', ' ')})");
        Field(h, "Place", c.Where is { } w ? $"{w.Text}{(w.Country is null ? "" : $" ({w.Country})")}{(w.Lat is { } la && w.Lon is { } lo ? $" — {la.ToString("0.###", CultureInfo.InvariantCulture)}, {lo.ToString("0.###", CultureInfo.InvariantCulture)}" : "")}" : "—");
        Field(h, "Time", c.When is { } t ? $"{t.Text} ({t.Start:yyyy-MM-dd} to {t.End:yyyy-MM-dd})" : "—");
        Field(h, "Source", c.Source is { } s ? $"{s.Text} ({Names.Of(s.Kind).Replace('_', ' ')}{(s.Country is null ? "" : ", " + s.Country)})" : "— (the outlet itself)");
        if (c.Via is not null) Field(h, "Via", c.Via);
        Field(h, "Certainty", Names.Of(c.Certainty));
        Field(h, "Seen", $"{entry.FirstSeen ?? "undated"} to {entry.LastSeen ?? "undated"}");
        Field(h, "Citations", entry.CitationCount.ToString(CultureInfo.InvariantCulture));
        h.Raw("</dl>\n");
        if (c.Who.Country is { } who)
            h.Raw("<p>").Link("/timeline" + Html.Query(("who", who), ("category", Cat(c.Category))), $"Timeline of {Cat(c.Category)} for {who}, by source").Raw("</p>\n");
        h.Raw("<h2 id=\"citations\">Citations (").Number(citations.Count).Raw(")</h2>\n");
        Highlighter.Legend(h);
        h.Raw("<ol class=\"citations\">\n");
        foreach (var v in citations) CitationItem(h, entry, v);
        h.Raw("</ol>\n");
        h.Raw("<p class=\"api-hint\">As JSON: <a").Attr("href", $"/api/claims/{entry.Id}").Raw(">").Text($"/api/claims/{entry.Id}").Raw("</a>.</p>\n");
        return Html.Page(title, "Claims", h);
    }

    private static void Field(Html h, string name, string value) => h.Raw("<dt>").Text(name).Raw("</dt><dd>").Text(value).Raw("</dd>\n");

    private static void CitationItem(Html h, LedgerEntry entry, CitationView v)
    {
        var cit = v.Citation;
        var d = cit.Document;
        h.Raw("<li class=\"citation\"><article").Attr("aria-label", $"Citation from {d.Outlet ?? d.Id}").Raw(">\n<p class=\"cite-head\">");
        h.Raw("<span class=\"outlet\">").Text(d.Outlet ?? "unknown outlet").Raw("</span>, ").Text(d.Published ?? "undated").Raw(" · ");
        h.Link($"/documents/{cit.DocumentRowId}#ev-{cit.Evidence.Start}", $"document {d.Id}");
        if (Html.SafeHref(d.Url) is not null) h.Raw(" · ").ExternalLink(d.Url, "original article");
        h.Raw("</p>\n<p class=\"cite-meta\">").Text(cit.Count.Display()).Raw(" (“").Text(cit.Count.Text).Raw("”)");
        if (cit.Source is { } s) h.Raw(" — ").Text(s.Text);
        h.Raw(", ").Text(Names.Of(cit.Certainty)).Raw("</p>\n");
        // The paragraph, with the evidence sentence in it and its parts highlighted.
        var text = v.Document?.Text;
        int start = cit.Evidence.Start, end = cit.Evidence.End;
        if (text is null || start < 0 || end > text.Length || start > end || !text.AsSpan(start, end - start).SequenceEqual(cit.Evidence.Sentence))
        {
            int at = text?.IndexOf(cit.Evidence.Sentence, StringComparison.Ordinal) ?? -1;
            if (at >= 0) { start = at; end = at + cit.Evidence.Sentence.Length; }
            else { text = cit.Evidence.Sentence; start = 0; end = text.Length; }
        }
        var needles = v.Claim is { } claim
            ? Highlighter.Needles(claim, cit.Count, cit.Source)
            : Highlighter.Needles(entry.Claim with { Source = cit.Source }, cit.Count, cit.Source);
        var spans = Highlighter.Find(text!, start, end, needles);
        var (ps, pe, cutBefore, cutAfter) = Highlighter.Paragraph(text!, start, end);
        h.Raw("<blockquote class=\"paragraph\"").Attr("lang", d.Language).Raw(">");
        if (cutBefore) h.Raw("… ");
        h.Text(text.AsSpan(ps, start - ps));
        h.Raw("<span class=\"evidence\">");
        Highlighter.Write(h, text!, start, end, spans);
        h.Raw("</span>");
        h.Text(text.AsSpan(end, pe - end));
        if (cutAfter) h.Raw(" …");
        h.Raw("</blockquote>\n</article></li>\n");
    }

    // ------------------------------------------------------------------ one document

    private static async Task<IResult> DocumentPage(long id, LedgerPool pool, CancellationToken cancel)
    {
        var found = await pool.UseAsync(s => s.GetDocument(id), cancel);
        if (found is not { } f) return Html.Error(StatusCodes.Status404NotFound, "Not found", $"There is no document {id}.");
        var d = f.Document;
        var text = d.Text;
        var h = new Html();
        h.Raw("<p class=\"crumbs\"><a href=\"/\">Claims</a> › Document ").Text(d.Id).Raw("</p>\n");
        h.Raw("<h1>").Text(string.IsNullOrWhiteSpace(d.Title) ? $"Document {d.Id}" : d.Title).Raw("</h1>\n<dl class=\"fields\">\n");
        Field(h, "Outlet", d.Outlet ?? "—");
        Field(h, "Published", d.PublishedText ?? "undated");
        Field(h, "Language", d.Language);
        h.Raw("<dt>URL</dt><dd>");
        if (d.Url is null) h.Raw("—"); else h.ExternalLink(d.Url, d.Url);
        h.Raw("</dd>\n");
        Field(h, "Claims", f.Claims.Count.ToString(CultureInfo.InvariantCulture));
        h.Raw("</dl>\n");

        // Claims grouped by their evidence range, in text order; a range that overlaps the one before starts where it ends.
        var groups = f.Claims
            .Where(c => c.Claim.Evidence.Start >= 0 && c.Claim.Evidence.End <= text.Length && c.Claim.Evidence.Start < c.Claim.Evidence.End)
            .GroupBy(c => (c.Claim.Evidence.Start, c.Claim.Evidence.End)).OrderBy(g => g.Key.Start).ThenBy(g => g.Key.End)
            .Select(g => (Start: g.Key.Start, End: g.Key.End, Claims: g.ToList())).ToList();
        var ranges = new List<(int Start, int End, List<(Claim Claim, long? EntryId)> Claims, int Anchor)>();
        foreach (var g in groups)
        {
            int s = ranges.Count > 0 ? Math.Max(g.Start, ranges[^1].End) : g.Start;
            if (s >= g.End) { ranges[^1].Claims.AddRange(g.Claims); continue; }
            ranges.Add((s, g.End, g.Claims, g.Start));
        }

        h.Raw("<h2>Text</h2>\n");
        Highlighter.Legend(h);
        h.Raw("<article class=\"doctext\"").Attr("lang", d.Language).Attr("aria-label", "Cleaned text").Raw(">\n");
        int pos = 0, next = 0;
        while (pos <= text.Length)
        {
            int nl = text.IndexOf('\n', pos);
            int pe = nl < 0 ? text.Length : nl;
            if (pe > pos)
            {
                h.Raw("<p>");
                int at = pos;
                while (next < ranges.Count && ranges[next].End <= pos) next++;
                for (int k = next; k < ranges.Count && ranges[k].Start < pe; k++)
                {
                    var r = ranges[k];
                    int s = Math.Max(r.Start, at), e = Math.Min(r.End, pe);
                    if (s >= e) continue;
                    h.Text(text.AsSpan(at, s - at));
                    h.Raw("<mark class=\"claim\"");
                    if (s == r.Start) h.Attr("id", $"ev-{r.Anchor}");
                    h.Raw(">");
                    // Each claim's parts, the counts of all first (a sentence may state several figures).
                    var spans = new List<Highlighter.Span>();
                    foreach (var c in r.Claims) Highlighter.Find(text, s, e, Highlighter.Needles(c.Claim).Where(n => n.Item1 == Highlighter.Kind.Count), spans);
                    foreach (var c in r.Claims) Highlighter.Find(text, s, e, Highlighter.Needles(c.Claim).Where(n => n.Item1 != Highlighter.Kind.Count), spans);
                    spans.Sort((a, b) => a.Start.CompareTo(b.Start));
                    Highlighter.Write(h, text, s, e, spans);
                    h.Raw("</mark>");
                    if (e == r.End)
                    {
                        h.Raw("<span class=\"claim-refs\">");
                        foreach (var (claim, entryId) in r.Claims)
                        {
                            var label = $"{Cat(claim.Category)} {claim.Count.Display()}";
                            if (entryId is { } eid) h.Raw(" ").Link($"/entries/{eid}", label, "claim-ref");
                            else h.Raw(" <span class=\"claim-ref\">").Text(label).Raw("</span>");
                        }
                        h.Raw("</span>");
                    }
                    at = e;
                }
                h.Text(text.AsSpan(at, pe - at));
                h.Raw("</p>\n");
            }
            if (nl < 0) break;
            pos = nl + 1;
        }
        h.Raw("</article>\n");

        h.Raw("<h2>Claims</h2>\n");
        if (f.Claims.Count == 0) h.Raw("<p>No claims were found in this document.</p>\n");
        else
        {
            h.Raw("<div class=\"table-wrap\" role=\"region\" aria-labelledby=\"doc-claims-caption\" tabindex=\"0\">\n<table class=\"cards\">\n<caption id=\"doc-claims-caption\">Claims of this document</caption>\n<thead><tr>");
            foreach (var col in new[] { "Category", "Count", "Affected party", "Place", "Time", "Source", "Certainty", "Offsets", "Entry" })
                h.Raw("<th scope=\"col\">").Text(col).Raw("</th>");
            h.Raw("</tr></thead>\n<tbody>\n");
            foreach (var (c, entryId) in f.Claims)
            {
                h.Raw("<tr>");
                h.Raw("<td data-label=\"Category\">").Text(Cat(c.Category)).Raw("</td>");
                h.Raw("<td data-label=\"Count\">").Text(c.Count.Display()).Raw(" <span class=\"as-written\">(").Text(c.Count.Text).Raw(")</span></td>");
                h.Raw("<td data-label=\"Affected party\">").Text(c.Who.Text ?? "—").Raw(" <span class=\"meta\">").Text(c.Who.Country ?? "?").Raw("</span></td>");
                h.Raw("<td data-label=\"Place\">").Text(c.Where?.Text ?? "—").Raw("</td>");
                h.Raw("<td data-label=\"Time\">").Text(c.When?.Text ?? "—").Raw("</td>");
                h.Raw("<td data-label=\"Source\">").Text(c.Source?.Text ?? "—").Raw("</td>");
                h.Raw("<td data-label=\"Certainty\">").Text(Names.Of(c.Certainty)).Raw("</td>");
                h.Raw("<td data-label=\"Offsets\" class=\"date\"><a").Attr("href", $"#ev-{c.Evidence.Start}").Raw(">").Number(c.Evidence.Start).Raw("–").Number(c.Evidence.End).Raw("</a></td>");
                h.Raw("<td data-label=\"Entry\">");
                if (entryId is { } eid) h.Link($"/entries/{eid}", $"#{eid}"); else h.Raw("—");
                h.Raw("</td></tr>\n");
            }
            h.Raw("</tbody>\n</table>\n</div>\n");
        }
        h.Raw("<p class=\"api-hint\">As JSON: <a").Attr("href", $"/api/documents/{f.RowId}").Raw(">").Text($"/api/documents/{f.RowId}").Raw("</a>.</p>\n");
        return Html.Page(string.IsNullOrWhiteSpace(d.Title) ? $"Document {d.Id}" : d.Title, "Claims", h);
    }

    // ------------------------------------------------------------------ timeline

    private static bool TimelineArgs(HttpRequest request, out string? who, out Category category, out string? error)
    {
        var errors = new Dictionary<string, string[]>();
        who = ClaimQuery.CountryCode(request.Query[ClaimQuery.WhoParameter.Name].FirstOrDefault(), ClaimQuery.WhoParameter.Name, errors);
        error = null;
        var cat = request.Query[ClaimQuery.CategoryParameter.Name].FirstOrDefault();
        // Not chosen yet is no error here (the page shows its form); a wrong value is.
        category = ClaimQuery.CategoryValue(cat, ClaimQuery.CategoryParameter.Name, errors) ?? Category.Killed;
        if (errors.Count > 0) { error = string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")); return false; }
        return who is not null && !string.IsNullOrWhiteSpace(cat);
    }

    private static async Task<IResult> Timeline(HttpRequest request, LedgerPool pool, CancellationToken cancel)
    {
        bool chosen = TimelineArgs(request, out var who, out var category, out var error);
        var (countries, series) = await pool.UseAsync(s =>
        {
            var countries = s.ByCountry().Select(x => x.Country).Where(c => c.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
            return (countries, chosen ? s.Timeline(who!, category) : []);
        }, cancel);
        var h = new Html();
        h.Raw("<h1>Timeline</h1>\n<p>Every source’s estimates of one figure over time: pick the affected party’s country and the category.</p>\n");
        h.Raw("<form class=\"filters\" method=\"get\" action=\"/timeline\" aria-label=\"Choose a figure\">\n<div class=\"fields\">\n");
        Select(h, "who", "Affected party's country", who, countries.Select(c => (c, CountryLabel(c))), anyLabel: "choose…");
        Select(h, "category", "Category", chosen || request.Query.ContainsKey("category") ? Cat(category) : null, Enum.GetValues<Category>().Select(c => (Cat(c), Cat(c))), anyLabel: "choose…");
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

    private static async Task<IResult> TimelineSvg(HttpRequest request, LedgerPool pool, CancellationToken cancel)
    {
        if (!TimelineArgs(request, out var who, out var category, out var error))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query", detail: error ?? "who and category are required");
        var series = await pool.UseAsync(s => s.Timeline(who!, category), cancel);
        var svg = TimelinePlot.Svg(series, $"{Cat(category)} — {who}");
        return Results.Content(svg, "image/svg+xml; charset=utf-8");
    }

    private static readonly Lazy<string> Land = new(() =>
        System.Text.RegularExpressions.Regex.Match(StaticAssets.Text("world-land.svg"), " d=\"([^\"]+)\"").Groups[1].Value);

    /// <summary>
    /// The map: land outlines (Natural Earth 1:110m, equirectangular; wwwroot/world-land.svg) and a circle per affected
    /// party's country at its capital, its area proportional to the country's entries. Drawn here, with every label encoded.
    /// </summary>
    private static async Task<IResult> MapSvg(LedgerPool pool, CancellationToken cancel)
    {
        var rows = await pool.UseAsync(s => s.ByCountry(), cancel);
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

    // ------------------------------------------------------------------ countries

    private static async Task<IResult> Countries(LedgerPool pool, CancellationToken cancel)
    {
        var rows = await pool.UseAsync(s => s.ByCountry(), cancel);
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
