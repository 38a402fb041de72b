using System.CommandLine;
using System.Text.Json;
using Tally.Evaluation;
using Tally.Output;

namespace Tally.Cli;

internal static class EvalCommand
{
    public static Command Create()
    {
        var gold = new Argument<string>("gold") { Description = "Gold annotations (JSON Lines, one document per line)" };
        var input = new InputOptions();
        var byLanguage = new Option<bool>("--by-language") { Description = "Also print the figures per language" };
        var errors = new Option<int>("--errors") { Description = "List this many misses and extras", DefaultValueFactory = _ => 0 };
        var idsFrom = new Option<int?>("--ids-from") { Description = "Score only gold documents whose numeric id is at least N" };
        var idsBelow = new Option<int?>("--ids-below") { Description = "Score only gold documents whose numeric id is below N" };
        var cmd = new Command("eval", "Extract claims from documents and score them against gold annotations (the spec's metrics)");
        cmd.Arguments.Add(gold);
        input.AddTo(cmd);
        cmd.Options.Add(byLanguage);
        cmd.Options.Add(errors);
        cmd.Options.Add(idsFrom);
        cmd.Options.Add(idsBelow);
        cmd.SetAction(r =>
        {
            var err = Console.Error;
            var options = input.Build(r, err);
            if (options is null) return 2;
            List<JsonElement> goldRows;
            try { goldRows = Scorer.LoadJsonLines(r.GetValue(gold)!); }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                err.WriteLine($"tally: {e.Message}");
                return 2;
            }
            var system = new List<JsonElement>();
            foreach (var result in new Pipeline(options).Run(r.GetValue(input.Paths)!, e => err.WriteLine($"tally: {e}")))
                system.Add(JsonDocument.Parse(ClaimJson.ToJsonLine(result.Document, result.Claims)).RootElement.Clone());
            var report = Scorer.Score(Scorer.SelectIds(goldRows, r.GetValue(idsFrom), r.GetValue(idsBelow)), system);
            Console.Out.Write(report.Format(r.GetValue(byLanguage), r.GetValue(errors)));
            return 0;
        });
        return cmd;
    }
}
