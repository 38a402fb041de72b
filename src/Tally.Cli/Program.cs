using System.CommandLine;
using Tally.Cli;
using Tally.Ledger;

var root = new RootCommand("Tally: turns crisis news into attributed claims about people killed, injured, missing, captured, displaced, deployed or returned.");
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(ExplainCommand.Create());
root.Subcommands.Add(LedgerCommands.Ingest());
root.Subcommands.Add(LedgerCommands.Claims());
root.Subcommands.Add(LedgerCommands.Timeline());
root.Subcommands.Add(LedgerCommands.Show());
root.Subcommands.Add(ServeCommand.Create());
// A failure no command foresaw (a full disk under a read, a closed pipe) ends the run with one line, not a stack trace.
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    try { Console.Error.WriteLine("tally: " + Failures.Describe(e, Environment.GetEnvironmentVariable("TALLY_DB"))); } catch (IOException) { }
    return 2;
}
