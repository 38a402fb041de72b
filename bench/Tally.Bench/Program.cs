using BenchmarkDotNet.Running;
using Tally.Bench;

// dotnet run -c Release --project bench/Tally.Bench -- --filter '*Extract*'
// Add --job short for a quick look. Throughput columns: MB/s and docs/s of document text, on one core.
// `-- ingest-profile`: one 100,000-document ingest with throughput and memory every 10,000 documents.
// `-- store-profile`: the same documents extracted first, then only the ledger's writes timed.
// `-- stage-profile`: time and allocation of each extraction stage over the corpus.
if (args.Length > 0 && args[0] == "store-profile") { StoreProfile.Run(); return; }
if (args.Length > 0 && args[0] == "geo-counts") { GeoCounts.Run(); return; }
if (args.Length > 0 && args[0] == "stage-profile") { StageProfile.Run(); return; }
if (args.Length > 0 && args[0] == "ingest-profile") { IngestBenchmark.Profile(); return; }
BenchmarkSwitcher.FromAssembly(typeof(ExtractBenchmark).Assembly).Run(args, BenchConfig.Create());
