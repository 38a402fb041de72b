using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Tally.Ledger;
using Tally.Model;
using Tally.Output;

namespace Tally.Cli;

/// <summary>ingest, claims, timeline, show: the ledger from the command line.</summary>
internal static class LedgerCommands
{
    public static Option<string> Db() => new("--db")
    {
        Description = "Ledger location: an SQLite file, or a PostgreSQL connection string (Host=...;Database=... or postgres://...)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TALLY_DB") is { Length: > 0 } v ? v : "tally.db",
    };

    /// <summary>Widest merge window taken (ten years: wider merges statements of different events).</summary>
    private const int MaxWindowDays = 3650;
    /// <summary>Largest batch taken (a batch is held in memory and written in one transaction).</summary>
    private const int MaxBatch = 100_000;

    public static Command Ingest()
    {
        var input = new InputOptions();
        var db = Db();
        var batch = new Option<int>("--batch") { Description = $"Documents per transaction (1 to {MaxBatch})", DefaultValueFactory = _ => 256 };
        var window = new Option<int>("--window-days") { Description = $"Statements this many days apart can be one entry (0 to {MaxWindowDays})", DefaultValueFactory = _ => 7 };
        var cmd = new Command("ingest", "Extract documents and store their claims in the ledger, merging claims that state the same thing");
        input.AddTo(cmd);
        cmd.Options.Add(db);
        cmd.Options.Add(batch);
        cmd.Options.Add(window);
        cmd.SetAction(r =>
        {
            var err = System.Console.Error;
            var options = input.Build(r, err);
            if (options is null) return 2;
            if (r.GetValue(window) is < 0 or > MaxWindowDays) { err.WriteLine($"tally: --window-days must be between 0 and {MaxWindowDays}"); return 2; }
            if (r.GetValue(batch) is < 1 or > MaxBatch) { err.WriteLine($"tally: --batch must be between 1 and {MaxBatch}"); return 2; }
            var paths = r.GetValue(input.Paths)!;
            var location = r.GetValue(db)!;
            var store = OpenOrFail(location, err, new MergeOptions { WindowDays = r.GetValue(window) });
            if (store is null) return 2;
            using (store)
            {
                var started = DateTimeOffset.UtcNow;
                var ingestor = new Ingestor(new Pipeline(options), store, r.GetValue(batch));
                var total = Ingestor.Estimate(paths);
                var errors = new List<string>();
                IngestSummary summary;
                // What the batches committed so far did (each batch is one transaction): told if a later one fails.
                IngestSummary? committed = null;
                using var cts = new CancellationTokenSource();
                ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
                System.Console.CancelKeyPress += onCancel;
                try
                {
                    if (!System.Console.IsErrorRedirected && AnsiConsole.Profile.Capabilities.Interactive)
                    {
                        summary = null!;
                        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) });
                        console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                            new RemainingTimeColumn(), new SpinnerColumn()).Start(ctx =>
                        {
                            var task = ctx.AddTask("ingest", maxValue: Math.Max(1, total ?? 1));
                            summary = ingestor.Run(paths, e => { lock (errors) errors.Add($"tally: {e}"); }, new Progress(p =>
                            {
                                committed = p.Summary;
                                if (total is null) task.MaxValue = Math.Max(task.MaxValue, p.Done + 1);
                                task.Value = p.Done;
                                task.Description = $"ingest {p.Done}{(total is { } t ? "/" + t : "")} docs, {p.DocumentsPerSecond:0} docs/s";
                            }), total, cts.Token);
                            task.Value = task.MaxValue;
                        });
                        foreach (var e in errors) err.WriteLine(e);
                    }
                    else
                    {
                        // Redirected: plain progress lines, at most one every two seconds.
                        var last = DateTime.MinValue;
                        summary = ingestor.Run(paths, e => err.WriteLine($"tally: {e}"), new Progress(p =>
                        {
                            committed = p.Summary;
                            if ((DateTime.UtcNow - last).TotalSeconds < 2) return;
                            last = DateTime.UtcNow;
                            err.WriteLine($"tally: {p.Done}{(p.Total is { } t ? "/" + t : "")} documents, {p.DocumentsPerSecond:0} docs/s" +
                                (p.Remaining is { } rem ? $", about {rem:hh\\:mm\\:ss} left" : ""));
                        }), total, cts.Token);
                    }
                }
                catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException)
                {
                    // A batch that cannot be written (a full disk, a lost server) is rolled back; the batches before it stay.
                    foreach (var line in errors) err.WriteLine(line);
                    err.WriteLine($"tally: cannot write the ledger at {Secrets.Mask(location)}: {Failures.Describe(e, location)}; " +
                                  (committed is { } c ? $"kept what was stored before: {c}" : "nothing was stored"));
                    return 2;
                }
                finally { System.Console.CancelKeyPress -= onCancel; }
                try { store.LogRun(started, summary); }
                catch (Exception e) when (e is System.Data.Common.DbException or IOException)
                {
                    err.WriteLine($"tally: warning: the run was not logged in the ledger at {Secrets.Mask(location)}: {Failures.Describe(e, location)}");
                }
                err.WriteLine($"tally: {summary}");
                return summary.Read + summary.Failed == 0 || (summary.Read == 0 && summary.Failed > 0) ? 2 : 0;
            }
        });
        return cmd;
    }

    private sealed class Progress(Action<IngestProgress> report) : IProgress<IngestProgress>
    {
        public void Report(IngestProgress value) => report(value);
    }

    public static Command Claims()
    {
        var db = Db();
        // The filters are the claims query's own (ClaimQuery): the same names, checks and messages as GET /api/claims.
        var filters = ClaimQuery.Filters.Select(p => new Option<string?>(p.Option) { Description = p.Description }).ToArray();
        var format = new Option<string>("--format") { Description = "table, jsonl, csv or hxl", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "jsonl", "csv", "hxl");
        var limit = new Option<int>(ClaimQuery.LimitParameter.Option) { Description = "At most this many entries", DefaultValueFactory = _ => 1000 };
        var sort = new Option<string>(ClaimQuery.SortParameter.Option) { Description = ClaimQuery.SortParameter.Description, DefaultValueFactory = _ => "id" };
        var cmd = new Command("claims", "List ledger entries, filtered; each with its citations");
        foreach (var o in (Option[])[db, .. filters, format, limit, sort]) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var err = System.Console.Error;
            if (!TryFilter(r, err, out var filter, filters, r.GetValue(limit), r.GetValue(sort)!)) return 2;
            using var store = OpenOrFail(r.GetValue(db)!, err);
            if (store is null) return 2;
            var fmt = r.GetValue(format)!;
            var entries = store.List(filter, withCitations: fmt != "table");
            switch (fmt)
            {
                case "jsonl":
                    foreach (var e in entries) System.Console.Out.WriteLine(LedgerExport.ToJsonLine(e));
                    break;
                case "csv":
                case "hxl":
                    LedgerExport.WriteCsv(System.Console.Out, entries, hxl: fmt == "hxl");
                    break;
                default:
                    var t = new Table().Border(TableBorder.Rounded);
                    foreach (var h in new[] { "id", "category", "count", "who", "where", "source", "certainty", "first seen", "citations" }) t.AddColumn(h);
                    foreach (var e in entries)
                    {
                        var c = e.Claim;
                        t.AddRow(Markup.Escape(e.Id.ToString(CultureInfo.InvariantCulture)), Markup.Escape(Names.Of(c.Category)), Markup.Escape(c.Count.Display()),
                            Markup.Escape($"{c.Who.Text ?? "-"} ({c.Who.Country ?? "?"}, {Names.Of(c.Who.Role)})"),
                            Markup.Escape(c.Where is { } w ? $"{w.Text} ({w.Country})" : "-"), Markup.Escape(c.Source?.Text ?? "-"),
                            Markup.Escape(Names.Of(c.Certainty)), Markup.Escape(e.FirstSeen ?? "-"), Markup.Escape(e.CitationCount.ToString(CultureInfo.InvariantCulture)));
                    }
                    Ansi().Write(t);
                    System.Console.Out.WriteLine($"{entries.Count} entries");
                    break;
            }
            return 0;
        });
        return cmd;
    }

    public static Command Timeline()
    {
        var db = Db();
        var who = new Option<string>(ClaimQuery.WhoParameter.Option) { Description = ClaimQuery.WhoParameter.Description, Required = true };
        var category = new Option<string>(ClaimQuery.CategoryParameter.Option) { Description = ClaimQuery.CategoryParameter.Description, Required = true };
        var plot = new Option<string?>("--plot") { Description = "Also draw the timeline to this file (.svg or .png)" };
        var format = new Option<string>("--format") { Description = "table or jsonl", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "jsonl");
        var cmd = new Command("timeline", "Every source's estimates of a figure over time");
        foreach (var o in new Option[] { db, who, category, plot, format }) cmd.Options.Add(o);
        cmd.SetAction(r =>
        {
            var err = System.Console.Error;
            var errors = new Dictionary<string, string[]>();
            if (!ClaimQuery.TryTimeline(r.GetValue(who), r.GetValue(category), errors, out var country, out var cat))
            {
                Report(errors, err);
                return 2;
            }
            using var store = OpenOrFail(r.GetValue(db)!, err);
            if (store is null) return 2;
            var series = store.Timeline(country, cat);
            if (r.GetValue(format) == "jsonl")
            {
                foreach (var s in series)
                    System.Console.Out.WriteLine(JsonSerializer.Serialize(new
                    {
                        source = s.SourceText, source_key = s.SourceKey,
                        points = s.Points.Select(p => new { entry = p.EntryId, date = p.Date, low = p.Low, high = p.High, approximate = p.Approximate, citations = p.Citations, text = p.CountText }),
                    }));
            }
            else
            {
                var t = new Table().Border(TableBorder.Rounded);
                foreach (var h in new[] { "source", "date", "low", "high", "as written", "citations", "entry" }) t.AddColumn(h);
                foreach (var s in series)
                    foreach (var p in s.Points)
                        t.AddRow(Markup.Escape(s.SourceText), Markup.Escape(p.Date ?? "?"), Markup.Escape(p.Low?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"),
                            Markup.Escape(p.High?.ToString("N0", CultureInfo.InvariantCulture) ?? "-"), Markup.Escape(p.CountText),
                            Markup.Escape(p.Citations.ToString(CultureInfo.InvariantCulture)), Markup.Escape(p.EntryId.ToString(CultureInfo.InvariantCulture)));
                Ansi().Write(t);
                System.Console.Out.WriteLine($"{series.Count} sources, {series.Sum(s => s.Points.Count)} estimates");
            }
            if (r.GetValue(plot) is { } file)
            {
                try { TimelinePlot.Save(series, $"{Names.Of(cat)} — {country}", file); }
                catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException) { err.WriteLine($"tally: cannot draw {file}: {e.Message}"); return 2; }
                err.WriteLine($"tally: wrote {file}");
            }
            return 0;
        });
        return cmd;
    }

    public static Command Show()
    {
        var db = Db();
        var id = new Argument<long>("id") { Description = "Entry id (from `tally claims`)" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var cmd = new Command("show", "One ledger entry with all its citations and evidence sentences");
        cmd.Arguments.Add(id);
        cmd.Options.Add(db);
        cmd.Options.Add(format);
        cmd.SetAction(r =>
        {
            var err = System.Console.Error;
            using var store = OpenOrFail(r.GetValue(db)!, err);
            if (store is null) return 2;
            var e = store.Get(r.GetValue(id));
            if (e is null) { err.WriteLine($"tally: no entry {r.GetValue(id)}"); return 2; }
            if (r.GetValue(format) == "json")
            {
                using var stdout = System.Console.OpenStandardOutput();
                using (var jw = new Utf8JsonWriter(stdout, ClaimJson.Pretty)) LedgerExport.WriteEntryJson(jw, e);
                System.Console.Out.WriteLine();
                return 0;
            }
            var c = e.Claim;
            var o = System.Console.Out;
            o.WriteLine($"Entry {e.Id}: {Names.Of(c.Category)} {c.Count.Display()} (\"{c.Count.Text}\")");
            o.WriteLine($"  who:       {c.Who.Text ?? "-"} — {c.Who.Country ?? "?"}, {Names.Of(c.Who.Role)}");
            o.WriteLine($"  where:     {(c.Where is { } w ? $"{w.Text} ({w.Country}{(w.Lat is { } la ? $", {la:0.###}, {w.Lon:0.###}" : "")})" : "-")}");
            o.WriteLine($"  when:      {(c.When is { } p ? $"{p.Start:yyyy-MM-dd} .. {p.End:yyyy-MM-dd} (\"{p.Text}\")" : "-")}");
            o.WriteLine($"  source:    {(c.Source is { } s ? $"{s.Text} [{Names.Of(s.Kind)}{(s.Country is null ? "" : ", " + s.Country)}]" : "- (the outlet itself)")}{(c.Via is null ? "" : $" via {c.Via}")}");
            o.WriteLine($"  certainty: {Names.Of(c.Certainty)}");
            o.WriteLine($"  seen:      {e.FirstSeen ?? "?"} .. {e.LastSeen ?? "?"}, {e.CitationCount} citation(s)");
            foreach (var cit in e.Citations)
            {
                o.WriteLine();
                o.WriteLine($"  [{cit.Document.Published ?? "undated"}] {cit.Document.Outlet ?? "-"} {cit.Document.Url ?? cit.Document.Id} ({cit.Document.Language})");
                o.WriteLine($"    {cit.Count.Display()}{(cit.Source is { } cs ? " — " + cs.Text : "")}, {Names.Of(cit.Certainty)}");
                o.WriteLine($"    \"{cit.Evidence.Sentence}\"");
            }
            return 0;
        });
        return cmd;
    }

    private static IAnsiConsole Ansi()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            Ansi = System.Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        // A file or a pipe has no width: give tables room rather than wrapping every cell.
        if (System.Console.IsOutputRedirected) console.Profile.Width = 200;
        return console;
    }

    internal static LedgerStore? OpenOrFail(string location, TextWriter err, MergeOptions? merge = null)
    {
        try { return LedgerStore.Open(location, merge); }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            err.WriteLine($"tally: cannot open the ledger at {Secrets.Mask(location)}: {Failures.Describe(e, location)}");
            return null;
        }
    }

    /// <summary>The filter options, checked as the web API checks its query (one set of rules: the library's ClaimQuery).</summary>
    private static bool TryFilter(ParseResult r, TextWriter err, out EntryFilter filter, Option<string?>[] filters, int limit, string sort)
    {
        var values = new Dictionary<string, string?>();
        for (int i = 0; i < filters.Length; i++) values[ClaimQuery.Filters[i].Name] = r.GetValue(filters[i]);
        var errors = new Dictionary<string, string[]>();
        var query = ClaimQuery.Read(values.GetValueOrDefault, errors);
        query.Limit = limit;
        query.Sort = sort;
        if (query.TryFilter(int.MaxValue, out filter, errors)) return true;
        Report(errors, err);
        return false;
    }

    /// <summary>A query's problems, each under the option that carries the parameter.</summary>
    private static void Report(Dictionary<string, string[]> errors, TextWriter err)
    {
        foreach (var (name, messages) in errors)
            err.WriteLine($"tally: {ClaimQuery.Parameters.First(p => p.Name == name).Option}: {string.Join("; ", messages)}");
    }
}
