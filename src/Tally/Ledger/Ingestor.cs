using System.Diagnostics;
using Tally.Documents;
using Tally.Extraction;

namespace Tally.Ledger;

/// <summary>Where an ingest stands: documents done, how many there are (when known), speed and time left.</summary>
public readonly record struct IngestProgress(int Done, int? Total, double DocumentsPerSecond, TimeSpan? Remaining, IngestSummary Summary);

/// <summary>
/// Reads, extracts and stores documents in batches. Each batch is one transaction, so a killed run loses at most the
/// batch in flight and a second run completes the job without duplicates (stored documents are recognised by URL and
/// by their cleaned text). Extraction of the next batch overlaps with the database write of the last one.
/// </summary>
public sealed class Ingestor(Pipeline pipeline, LedgerStore store, int batchSize = 256)
{
    public IngestSummary Run(IEnumerable<string> paths, Action<ReadError> onError, IProgress<IngestProgress>? progress = null,
        int? total = null, CancellationToken cancel = default)
    {
        var summary = new IngestSummary();
        var clock = Stopwatch.StartNew();
        int failed = 0;
        // A warning is about a document that was still read (a date dropped, a charset a page lied about): not a failure.
        void Fail(ReadError e) { if (!e.IsWarning) Interlocked.Increment(ref failed); onError(e); }

        // One thread reads and extracts, this one writes: a bounded hand-off keeps memory flat.
        using var queue = new System.Collections.Concurrent.BlockingCollection<List<ExtractionResult>>(boundedCapacity: 2);
        Exception? producerError = null;
        var producer = Task.Run(() =>
        {
            try
            {
                var batch = new List<ExtractionResult>(batchSize);
                foreach (var r in pipeline.Run(paths, Fail))
                {
                    if (cancel.IsCancellationRequested) break;
                    batch.Add(r);
                    if (batch.Count >= batchSize) { queue.Add(batch, cancel); batch = new List<ExtractionResult>(batchSize); }
                }
                if (batch.Count > 0) queue.Add(batch, cancel);
            }
            catch (OperationCanceledException) { }
            catch (Exception e) { producerError = e; }
            finally { queue.CompleteAdding(); }
        }, cancel);

        using var checkpoints = store.CheckpointInBackground();
        foreach (var batch in queue.GetConsumingEnumerable())
        {
            summary.Add(store.Ingest(batch));
            summary.Failed = failed;
            int done = summary.Read + summary.Failed;
            double rate = done / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
            TimeSpan? left = total is { } t && rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, t - done) / rate) : null;
            progress?.Report(new IngestProgress(done, total, rate, left, summary));
            if (cancel.IsCancellationRequested) break;
        }
        producer.Wait(CancellationToken.None);
        if (producerError is not null) throw new InvalidOperationException("reading documents failed: " + producerError.Message, producerError);
        summary.Failed = failed;
        return summary;
    }

    /// <summary>
    /// How many documents the inputs hold, counted cheaply (files, found as the reader finds them, and lines of JSON Lines files) so the progress bar
    /// can show an estimate of the time left. Null when unknown (standard input, URLs).
    /// </summary>
    public static int? Estimate(IEnumerable<string> paths)
    {
        int n = 0;
        foreach (var p in paths)
        {
            if (p == "-" || p.Contains("://", StringComparison.Ordinal)) return null;
            IEnumerable<string> files;
            if (Directory.Exists(p))
            {
                // The reader's own walk (by real path: each real file once, a symbolic link loop is no way round again).
                try { files = FolderWalker.Files(p); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            }
            else if (File.Exists(p)) files = [p];
            else continue;
            foreach (var f in files)
            {
                if (NewsPleaseReader.HasJsonLinesExtension(Path.GetExtension(f).ToLowerInvariant()))
                {
                    // Counted over the bytes: a line of any length costs a buffer, not its size.
                    try { n += BoundedLineReader.CountNonEmptyLines(f); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
                }
                else n++;
            }
        }
        return n;
    }
}
