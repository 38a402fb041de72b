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
/// of claims per country. This part handles the requests: it reads the query and asks the ledger; the pages are drawn by
/// <see cref="DashboardViews"/>.
/// </summary>
internal static class Dashboard
{
    public static void Map(IEndpointRouteBuilder app)
    {
        // Every page reads the ledger widely or draws a chart: heavy requests, a few at a time (HeavyRequests).
        var pages = app.MapGroup("").ExcludeFromDescription().AddEndpointFilter(HeavyRequests.Filter);
        pages.MapGet("/", Claims);
        pages.MapGet("/entries/{id:long}", Entry);
        pages.MapGet("/documents/{id:long}", DocumentPage);
        pages.MapGet("/timeline", Timeline);
        pages.MapGet("/charts/timeline.svg", TimelineSvg);
        pages.MapGet("/countries", Countries);
        pages.MapGet("/charts/map.svg", MapSvg);
    }

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
        return DashboardViews.ClaimsPage(query, errors, filter, entries, total, countries);
    }

    // ------------------------------------------------------------------ one entry

    private static async Task<IResult> Entry(long id, LedgerPool pool, CancellationToken cancel)
    {
        var data = await pool.UseAsync(s =>
        {
            var e = s.Get(id);
            if (e is null) return default((LedgerEntry, List<DashboardViews.CitationView>)?);
            var docs = new Dictionary<long, (long RowId, Document Document, IReadOnlyList<(Claim Claim, long? EntryId)> Claims)?>();
            var views = new List<DashboardViews.CitationView>();
            foreach (var c in e.Citations)
            {
                if (!docs.TryGetValue(c.DocumentRowId, out var d)) docs[c.DocumentRowId] = d = s.GetDocument(c.DocumentRowId);
                // The citation's own claim: same entry, same sentence.
                var claim = d?.Claims.Where(x => x.EntryId == e.Id && x.Claim.Evidence.Start == c.Evidence.Start).Select(x => x.Claim).FirstOrDefault();
                views.Add(new DashboardViews.CitationView(c, d?.Document, claim));
            }
            return (e, views);
        }, cancel);
        if (data is not { } found) return Html.Error(StatusCodes.Status404NotFound, "Not found", $"There is no ledger entry {id}.");
        var (entry, citations) = found;
        return DashboardViews.EntryPage(entry, citations);
    }

    // ------------------------------------------------------------------ one document

    private static async Task<IResult> DocumentPage(long id, LedgerPool pool, CancellationToken cancel)
    {
        var found = await pool.UseAsync(s => s.GetDocument(id), cancel);
        if (found is not { } f) return Html.Error(StatusCodes.Status404NotFound, "Not found", $"There is no document {id}.");
        return DashboardViews.DocumentPage(f);
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
        return DashboardViews.TimelinePage(who, category, chosen, request.Query.ContainsKey(ClaimQuery.CategoryParameter.Name), error, countries, series);
    }

    private static async Task<IResult> TimelineSvg(HttpRequest request, LedgerPool pool, CancellationToken cancel)
    {
        if (!TimelineArgs(request, out var who, out var category, out var error))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid query", detail: error ?? "who and category are required");
        var series = await pool.UseAsync(s => s.Timeline(who!, category), cancel);
        return DashboardViews.TimelineSvg(series, who!, category);
    }

    // ------------------------------------------------------------------ countries and the map

    private static async Task<IResult> MapSvg(LedgerPool pool, CancellationToken cancel) =>
        DashboardViews.MapSvg(await pool.UseAsync(s => s.ByCountry(), cancel));

    private static async Task<IResult> Countries(LedgerPool pool, CancellationToken cancel) =>
        DashboardViews.CountriesPage(await pool.UseAsync(s => s.ByCountry(), cancel));
}
