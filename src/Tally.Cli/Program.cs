using System.CommandLine;
using Tally.Cli;

var root = new RootCommand("Tally: turns crisis news into attributed claims about people killed, injured, missing, captured, displaced, deployed or returned.");
root.Subcommands.Add(ExtractCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(ExplainCommand.Create());
root.Subcommands.Add(LedgerCommands.Ingest());
root.Subcommands.Add(LedgerCommands.Claims());
root.Subcommands.Add(LedgerCommands.Timeline());
root.Subcommands.Add(LedgerCommands.Show());
root.Subcommands.Add(ServeCommand.Create());
return await root.Parse(args).InvokeAsync();
