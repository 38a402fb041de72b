using System.CommandLine;
using Tally.Extraction;

namespace Tally.Cli;

/// <summary>Shows every figure Tally saw in a document and what it decided about it, with the reason.</summary>
internal static class ExplainCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var cmd = new Command("explain", "Show every figure found in the documents and why it is or is not a claim");
        input.AddTo(cmd);
        cmd.SetAction(r =>
        {
            var options = input.Build(r, Console.Error);
            if (options is null) return 2;
            int n = 0;
            foreach (var result in new Pipeline(options).Run(r.GetValue(input.Paths)!, e => Console.Error.WriteLine($"tally: {e}")))
            {
                n++;
                Console.WriteLine($"== {result.Document.Id} ({result.Document.Language}) {result.Document.Url}");
                Print(result);
            }
            return n > 0 ? 0 : 2;
        });
        return cmd;
    }

    private static void Print(ExtractionResult result)
    {
        var text = result.Document.Text;
        foreach (var c in result.Candidates)
        {
            var m = c.Mention;
            var verdict = c.IsLive ? "CLAIM " : "  -   ";
            var cue = c.CueStart >= 0 ? $" cue@{c.CueStart}{(c.CueAfter ? ">" : "<")}" : "";
            Console.WriteLine($"{verdict}{c.Category?.ToString().ToLowerInvariant() ?? "?",-10} {m,-22} who='{c.WhoText}' {c.WhoCountry}/{c.Role} cert={c.Certainty}{cue} src='{c.Source?.Text}' where='{c.Where?.Text}' when={c.When?.Start}..{c.When?.End}{(c.Dropped is null ? "" : $"  <- [{c.DroppedBy}] {c.Dropped}")}");
        }
    }
}
