using System.CommandLine;
using System.Globalization;
using Tally.Documents;

namespace Tally.Cli;

/// <summary>Options shared by the commands that read documents.</summary>
internal sealed class InputOptions
{
    public Argument<string[]> Paths { get; } = new("paths")
    {
        Description = "Files or folders to read (.txt, .html, .rss/.atom feeds, .json news-please articles, .jsonl), http(s) URLs, or - for standard input",
        Arity = ArgumentArity.OneOrMore,
    };
    public Option<string> Lang { get; } = new("--lang") { Description = "Language of the documents: auto, id, en, ms", DefaultValueFactory = _ => "auto" };
    public Option<string?> Published { get; } = new("--published") { Description = "Publication date (YYYY-MM-DD) for documents that give none" };
    public Option<long> MaxBytes { get; } = new("--max-bytes") { Description = "Largest file, page or download read, in bytes", DefaultValueFactory = _ => 20L * 1024 * 1024 };
    public Option<bool> Fetch { get; } = new("--fetch") { Description = "Fetch the page each feed item links to (else the item's own text is read)" };
    public Option<double> Timeout { get; } = new("--timeout") { Description = "Seconds allowed for one download (URLs and --fetch)", DefaultValueFactory = _ => 20 };
    public Option<int> Concurrency { get; } = new("--concurrency") { Description = "Downloads in flight at once", DefaultValueFactory = _ => 4 };

    public void AddTo(Command c)
    {
        c.Arguments.Add(Paths);
        c.Options.Add(Lang);
        c.Options.Add(Published);
        c.Options.Add(MaxBytes);
        c.Options.Add(Fetch);
        c.Options.Add(Timeout);
        c.Options.Add(Concurrency);
    }

    public PipelineOptions? Build(ParseResult r, TextWriter err)
    {
        DateTimeOffset? published = null;
        if (r.GetValue(Published) is { } p)
        {
            if (!DateTime.TryParseExact(p, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                err.WriteLine($"tally: --published '{p}' is not a date (YYYY-MM-DD)");
                return null;
            }
            published = new DateTimeOffset(d, TimeSpan.Zero);
            if (PublishedDate.RangeProblem(published.Value, PublishedDate.Today()) is { } why)
            {
                err.WriteLine($"tally: --published '{p}' {why}");
                return null;
            }
        }
        var lang = r.GetValue(Lang) ?? "auto";
        if (lang != "auto" && !Tally.Languages.LanguageRegistry.Default.Supports(lang))
        {
            err.WriteLine($"tally: --lang '{lang}' is not supported (auto, {string.Join(", ", Tally.Languages.LanguageRegistry.Default.Codes)})");
            return null;
        }
        var maxBytes = r.GetValue(MaxBytes);
        var timeout = r.GetValue(Timeout);
        var concurrency = r.GetValue(Concurrency);
        if (maxBytes < 1) { err.WriteLine($"tally: --max-bytes must be at least 1"); return null; }
        if (!(timeout > 0) || timeout > 3600) { err.WriteLine($"tally: --timeout must be between 0 and 3600 seconds"); return null; }
        if (concurrency is < 1 or > 64) { err.WriteLine($"tally: --concurrency must be between 1 and 64"); return null; }
        return new PipelineOptions
        {
            Language = new LanguageChoice(lang),
            Read = new ReadOptions
            {
                Published = published, MaxBytes = maxBytes, FetchLinks = r.GetValue(Fetch),
                Fetch = new FetchOptions { Timeout = TimeSpan.FromSeconds(timeout), MaxBytes = maxBytes, Concurrency = concurrency },
            },
        };
    }
}
