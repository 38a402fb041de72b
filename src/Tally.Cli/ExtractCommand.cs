using System.CommandLine;
using System.Text.Json;
using Tally.Documents;
using Tally.Ledger;
using Tally.Output;

namespace Tally.Cli;

internal static class ExtractCommand
{
    public static Command Create()
    {
        var input = new InputOptions();
        var format = new Option<string>("--format") { Description = "jsonl (one document per line) or json (an array)", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "json");
        var outFile = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        var cmd = new Command("extract", "Extract claims from news documents and print them as JSON");
        input.AddTo(cmd);
        cmd.Options.Add(format);
        cmd.Options.Add(outFile);
        cmd.SetAction(r => Run(r, input, r.GetValue(format)!, r.GetValue(outFile)));
        return cmd;
    }

    private static int Run(ParseResult r, InputOptions input, string format, string? outPath)
    {
        var err = Console.Error;
        var options = input.Build(r, err);
        if (options is null) return 2;
        var pipeline = new Pipeline(options);
        Stream stream;
        try
        {
            stream = outPath is null ? Console.OpenStandardOutput() : File.Create(outPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            err.WriteLine($"tally: cannot write {outPath}: {Failures.Describe(e)}");
            return 2;
        }
        int processed = 0, failed = 0;
        // Writing can fail at any point (a full disk, /dev/full, a closed pipe): one line naming the output and the reason;
        // the documents already written stay written.
        try
        {
        using (stream)
        {
            bool pretty = format == "json";
            using var w = new Utf8JsonWriter(stream, pretty ? ClaimJson.Pretty : ClaimJson.Compact);
            if (pretty) w.WriteStartArray();
            foreach (var result in pipeline.Run(r.GetValue(input.Paths)!, e => { if (!e.IsWarning) failed++; err.WriteLine($"tally: {e}"); }))
            {
                ClaimJson.WriteDocument(w, result.Document, result.Claims);
                if (!pretty)
                {
                    w.Flush();
                    stream.WriteByte((byte)'\n');
                    w.Reset();
                }
                processed++;
            }
            if (pretty) { w.WriteEndArray(); w.Flush(); stream.WriteByte((byte)'\n'); }
            w.Flush();
        }
        }
        catch (IOException e)
        {
            err.WriteLine($"tally: cannot write {outPath ?? "standard output"}: {Failures.Describe(e)} ({processed} documents written)");
            return 2;
        }
        if (processed == 0) err.WriteLine($"tally: no document could be processed{(failed > 0 ? $" ({failed} failed)" : "")}");
        return processed > 0 ? 0 : 2;
    }
}
