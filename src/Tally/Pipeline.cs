using Tally.Documents;
using Tally.Extraction;
using Tally.Languages;

namespace Tally;

public sealed record PipelineOptions
{
    public LanguageChoice Language { get; init; } = LanguageChoice.Auto;
    public ReadOptions Read { get; init; } = new();
    public LanguageRegistry? Languages { get; init; }
    /// <summary>The detector for --lang auto (default: <see cref="LinguaDetector.Shared"/>; <see cref="StopwordDetector"/> is the light one).</summary>
    public ILanguageDetector? Detector { get; init; }
    public Gazetteer.Gazetteer? Gazetteer { get; init; }
    /// <summary>
    /// Accept a document's declared language, without running the full detector, when its function words are frequent
    /// and more frequent than any other language's (the words only Malay or only Indonesian uses decide between those
    /// two). Documents without a label, or whose label the words do not bear out, go to the detector. On by default:
    /// it makes batches of labelled documents several times faster.
    /// </summary>
    public bool QuickLanguageCheck { get; init; } = true;
    /// <summary>
    /// The most time one document may take, from cleaning its text to its claims (checked after cleaning and between
    /// extraction steps); a document over it is reported and skipped, and the batch goes on. Null: no limit.
    /// </summary>
    public TimeSpan? DocumentTimeBudget { get; init; } = DefaultDocumentTimeBudget;
    /// <summary>The clock the budget is measured by.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>60 s: every step is linear in the document's size, and the largest document read (20 MB) takes far less.</summary>
    public static readonly TimeSpan DefaultDocumentTimeBudget = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Inputs to claims: read → clean → settle the language → extract. The CLI, the web server and the ledger all
/// go through this one path. A document that cannot be read or prepared is reported and skipped.
/// </summary>
public sealed class Pipeline
{
    private readonly DocumentReader _reader;
    private readonly DocumentPreparer _preparer;
    private readonly ClaimExtractor _extractor;
    private readonly LanguageChoice _language;
    private readonly TimeSpan? _budget;
    private readonly TimeProvider _clock;

    public Pipeline(PipelineOptions? options = null)
    {
        options ??= new PipelineOptions();
        var languages = options.Languages ?? LanguageRegistry.Default;
        _reader = new DocumentReader(options.Read);
        var quick = new StopwordDetector(languages.Codes.Select(languages.Get));
        _preparer = new DocumentPreparer(TextCleaner.ForAllLanguages(), options.Detector ?? LinguaDetector.Shared, languages.Supports,
            quickConfirm: options.Detector is null && options.QuickLanguageCheck ? quick.Confirms : null);
        _extractor = new ClaimExtractor(languages, options.Gazetteer);
        _language = options.Language;
        _budget = options.DocumentTimeBudget;
        _clock = options.Clock;
    }

    public ClaimExtractor Extractor => _extractor;
    public DocumentReader Reader => _reader;

    public IEnumerable<ExtractionResult> Run(IEnumerable<string> paths, Action<ReadError> onError) =>
        Process(_reader.Read(paths, onError), onError);

    public IEnumerable<ExtractionResult> Process(IEnumerable<SourceDocument> sources, Action<ReadError> onError)
    {
        foreach (var src in sources)
        {
            if (Process(src, onError) is { } r) yield return r;
        }
    }

    public ExtractionResult? Process(SourceDocument src, Action<ReadError> onError)
    {
        Document? doc;
        string? why;
        var deadline = _budget is { } budget ? new Deadline(budget, _clock) : null;
        try
        {
            if (!_preparer.TryPrepare(src, _language, out doc, out why))
            {
                onError(new ReadError(src.Origin, why!));
                return null;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            onError(new ReadError(src.Origin, $"cannot prepare the text: {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}"));
            return null;
        }
        try
        {
            var result = _extractor.Extract(doc!, deadline);
            foreach (var w in result.Warnings) onError(new ReadError(src.Origin, w) { IsWarning = true });
            return result;
        }
        catch (ExtractionTimeoutException e)
        {
            onError(new ReadError(src.Origin, e.Message));
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            onError(new ReadError(src.Origin, $"extraction failed: {e.GetType().Name}: {e.Message}"));
            return null;
        }
    }

    public bool TryPrepare(SourceDocument src, out Document? document, out string? why) => _preparer.TryPrepare(src, _language, out document, out why);
}
