using BenchmarkDotNet.Running;
using Tally.Bench;

// dotnet run -c Release --project bench/Tally.Bench -- --filter '*Extract*'
// Add --job short for a quick look. Throughput columns: MB/s and docs/s of document text, on one core.
BenchmarkSwitcher.FromAssembly(typeof(ExtractBenchmark).Assembly).Run(args, BenchConfig.Create());
