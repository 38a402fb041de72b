using System.CommandLine;
using System.Globalization;
using Tally.Documents;

namespace Tally.Cli;

/// <summary>Options shared by the commands that read documents.</summary>
internal sealed class InputOptions
{
    public Argument<string[]> Paths { get; } = new("paths")
    {
        Description = "Files or folders to read (.txt, .json news-please articles, .jsonl), or - for standard input",
        Arity = ArgumentArity.OneOrMore,
    };
    public Option<string> Lang { get; } = new("--lang") { Description = "Language of the documents: auto, id, en, ms", DefaultValueFactory = _ => "auto" };
    public Option<string?> Published { get; } = new("--published") { Description = "Publication date (YYYY-MM-DD) for documents that give none" };
    public Option<long> MaxBytes { get; } = new("--max-bytes") { Description = "Largest document read, in bytes", DefaultValueFactory = _ => 20L * 1024 * 1024 };

    public void AddTo(Command c)
    {
        c.Arguments.Add(Paths);
        c.Options.Add(Lang);
        c.Options.Add(Published);
        c.Options.Add(MaxBytes);
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
        }
        var lang = r.GetValue(Lang) ?? "auto";
        if (lang != "auto" && !Tally.Languages.LanguageRegistry.Default.Supports(lang))
        {
            err.WriteLine($"tally: --lang '{lang}' is not supported (auto, {string.Join(", ", Tally.Languages.LanguageRegistry.Default.Codes)})");
            return null;
        }
        return new PipelineOptions
        {
            Language = new LanguageChoice(lang),
            Read = new ReadOptions { Published = published, MaxBytes = r.GetValue(MaxBytes) },
        };
    }
}
