using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tally.Documents;
using Tally.Ledger;
using Tally.Model;

namespace Tally.Web.Pages;

/// <summary>An entry with its citations, and a document with its claims highlighted in its text.</summary>
internal static partial class DashboardViews
{
    public sealed record CitationView(Citation Citation, Document? Document, Claim? Claim);

    public static IResult EntryPage(LedgerEntry entry, List<CitationView> citations)
    {
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

    public static IResult DocumentPage((long RowId, Document Document, IReadOnlyList<(Claim Claim, long? EntryId)> Claims) f)
    {
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
}
