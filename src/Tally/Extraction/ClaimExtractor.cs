using Tally.Documents;
using Tally.Extraction.Stages;
using Tally.Languages;
using Tally.Model;
using Tally.Text;
using P = Tally.Extraction.ContextPart;

namespace Tally.Extraction;

/// <summary>The claims of one document, with the candidates that were not kept (for explanations and tests).</summary>
public sealed record ExtractionResult(Document Document, IReadOnlyList<Claim> Claims, IReadOnlyList<Candidate> Candidates)
{
    /// <summary>What the document lost on the way, one line each (claims beyond <see cref="ClaimExtractor.MaxClaims"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// A document's extraction ran past its time budget (checked between steps): the document is given up, not the batch.
/// </summary>
public sealed class ExtractionTimeoutException(string step, TimeSpan elapsed, TimeSpan budget)
    : Exception($"extraction stopped before step '{step}' after {elapsed.TotalSeconds:F1} s (the budget per document is {budget.TotalSeconds:0.#} s); document skipped")
{
    public string Step { get; } = step;
}

/// <summary>When a document's extraction must end: a clock and a budget, started when the document is.</summary>
public sealed class Deadline
{
    private readonly TimeProvider _clock;
    private readonly long _start;

    public Deadline(TimeSpan budget, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _start = _clock.GetTimestamp();
        Budget = budget;
    }

    public TimeSpan Budget { get; }
    public TimeSpan Elapsed => _clock.GetElapsedTime(_start);
    public bool Passed => Elapsed > Budget;

    /// <summary>Throws <see cref="ExtractionTimeoutException"/> when the budget is spent, naming what would run next.</summary>
    public void Check(string next)
    {
        var elapsed = Elapsed;
        if (elapsed > Budget) throw new ExtractionTimeoutException(next, elapsed, Budget);
    }
}

/// <summary>A stage over the candidates: reads the document context, fills or drops candidates.</summary>
public delegate void Stage(DocumentContext context, List<Candidate> candidates);

/// <summary>
/// One named step of extraction: what it reads and writes on the <see cref="DocumentContext"/>, and the function that
/// does it. Steps are small and pure apart from the context they write.
/// </summary>
public sealed record ExtractionStep(string Name, ContextPart Reads, ContextPart Writes, Action<DocumentContext> Run, string Does)
{
    /// <summary>A step over the candidates (skipped, like every candidate stage, when there are none).</summary>
    public static ExtractionStep OverCandidates(string name, ContextPart reads, ContextPart writes, Stage stage, string does) =>
        new(name, reads | ContextPart.Candidates, writes, ctx => stage(ctx, ctx.Candidates), does);

    public override string ToString() => $"{Name}: reads {Reads}; writes {Writes}";
}

/// <summary>
/// The extraction pipeline: one declared list of named steps (<see cref="Steps"/>), run in order over a document
/// context. Document-level analyses (tokens and lexicon layers, places, figures, times, reporting frames, the main
/// country) are steps that write to the context; filters that set candidates aside run before the steps that fill their
/// fields; every dropped candidate names the step that dropped it. The CLI's <c>explain</c> and the bench's stage
/// profile iterate the same list.
/// </summary>
public sealed class ClaimExtractor
{
    private readonly LanguageRegistry _languages;
    private readonly Gazetteer.Gazetteer _gazetteer;

    /// <summary>The steps, in the order they run. Read this list to see how a document becomes claims.</summary>
    public static IReadOnlyList<ExtractionStep> DefaultSteps { get; } =
    [
        new("analysis", P.Document, P.Text, ctx => ctx.Text = TextAnalyzer.Analyze(ctx.Document.Text, ctx.Language),
            "tokens, sentences, paragraphs; every lexicon of the language matched in one pass"),
        new("places", P.Text, P.Places, ctx => ctx.Geo = Gazetteer.Gazetteer.Disambiguate(ctx.Gazetteer.Find(ctx.Text), ctx.Text),
            "gazetteer names (countries, peoples, places, organisations), ambiguous ones settled"),
        new("counts", P.Text, P.Counts, ctx => ctx.Mentions = CountFinder.Find(ctx.Text),
            "every figure: digits, number words, vague magnitudes, ranges and bounds"),
        new("people", P.Text | P.Places | P.Counts, P.Candidates | P.People | P.Drops, ctx => ctx.Candidates = PeopleStage.Run(ctx, ctx.Mentions),
            "figures that count people: the people noun and the party phrase; units (years, km) set aside"),
        new("times", P.Document | P.Text | P.Candidates, P.Times, ctx => ctx.Times = TimeStage.FindTimes(ctx),
            "time expressions outside date-lines and page stamps"),
        ExtractionStep.OverCandidates("dates", P.Times, P.Drops, TimeStage.DropDates,
            "a figure inside a time expression is a date, not a count"),
        new("main-country", P.Places, P.MainCountry, ctx => ctx.MainCountry = ctx.HasLiveCandidates ? PartyStage.FindMainCountry(ctx) : null,
            "the country the document names most often"),
        new("frames", P.Text | P.Places | P.MainCountry, P.Frames, ctx => ctx.Frames = ctx.HasLiveCandidates ? AttributionStage.FindFrames(ctx) : [],
            "reporting frames (said, menurut, kata) and their speakers, pronouns resolved; a speaker of no stated country is of the main one"),
        ExtractionStep.OverCandidates("category", P.Text | P.People, P.Category | P.Drops, CategoryStage.Run,
            "the predicate that governs the figure: killed, injured, missing, ...; modal and non-affected figures set aside"),
        ExtractionStep.OverCandidates("certainty", P.Text, P.Certainty, CertaintyStage.Run,
            "hedges and reporting modality: asserted, reported, estimated, ..."),
        ExtractionStep.OverCandidates("attribution", P.Text | P.Places | P.Frames | P.MainCountry, P.Source, AttributionStage.Run,
            "who said it: the reporting frame that governs the figure"),
        ExtractionStep.OverCandidates("time", P.Text | P.Times | P.Frames, P.When, TimeStage.Run,
            "the period the figure refers to"),
        ExtractionStep.OverCandidates("place", P.Text | P.Places | P.Frames | P.People, P.Where, PlaceStage.Run,
            "where the people were affected"),
        ExtractionStep.OverCandidates("party", P.Text | P.Places | P.MainCountry | P.People | P.Category | P.Where, P.Party, PartyStage.Run,
            "the affected party's country and role"),
        ExtractionStep.OverCandidates("homecoming", P.Text | P.Places | P.Category | P.Party | P.Where, P.Category, HomecomingStage.Run,
            "people displaced abroad whose arrival in their own country the document states were brought home"),
        ExtractionStep.OverCandidates("merging", P.Category | P.Certainty | P.Source | P.When | P.Where | P.Party, P.Merged | P.Drops, DedupStage.Run,
            "one claim per distinct statement: repeats and vague restatements join the figure they restate"),
        ExtractionStep.OverCandidates("report-day", P.Text | P.Times | P.Source | P.When | P.Merged, P.When, TimeStage.ReportDay,
            "a statement or a running total the text gives no time for is as of the day it was reported"),
        new("claims", P.Text | P.Candidates | P.Category | P.Certainty | P.Source | P.When | P.Where | P.Party | P.Merged, P.Claims, BuildClaims,
            "a claim of every candidate left, with its evidence sentence"),
    ];

    /// <summary>The steps this extractor runs.</summary>
    public IReadOnlyList<ExtractionStep> Steps { get; }

    public ClaimExtractor(LanguageRegistry? languages = null, Gazetteer.Gazetteer? gazetteer = null, IReadOnlyList<ExtractionStep>? steps = null)
    {
        _languages = languages ?? LanguageRegistry.Default;
        _gazetteer = gazetteer ?? Gazetteer.Gazetteer.Default;
        Steps = steps ?? DefaultSteps;
        Validate(Steps);
    }

    public LanguageRegistry Languages => _languages;

    /// <summary>
    /// Checks that every step reads only what an earlier step wrote (the document is there from the start) and that the
    /// list ends with claims: a reordering that breaks the data flow fails here, naming the step and what it lacks.
    /// </summary>
    public static void Validate(IReadOnlyList<ExtractionStep> steps)
    {
        var written = P.Document;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (!names.Add(step.Name)) throw new ArgumentException($"two steps are named '{step.Name}'");
            var missing = step.Reads & ~written;
            if (missing != P.None) throw new ArgumentException($"step '{step.Name}' reads {missing}, which no step before it writes");
            written |= step.Writes;
        }
        if ((written & P.Claims) == 0) throw new ArgumentException("no step writes the claims");
    }

    /// <summary>A context for a document, ready for the first step.</summary>
    public DocumentContext Begin(Document document) => new(document, _languages.Get(document.Language), _gazetteer);

    /// <summary>Runs one step and records, on every candidate it set aside, that this step did.</summary>
    public static void RunStep(ExtractionStep step, DocumentContext ctx)
    {
        step.Run(ctx);
        ctx.Mark(step.Writes);
        if ((step.Writes & P.Drops) == 0 || (ctx.Written & ContextPart.Candidates) == 0) return;
        foreach (var c in ctx.Candidates)
            if (c.Dropped is not null && c.DroppedBy is null) c.DroppedBy = step.Name;
    }

    /// <summary>
    /// The most claims one document gives: a table or a generated page of figures can hold tens of thousands, each claim
    /// carrying its sentence; those beyond are dropped (the first ones in the text kept) with a warning.
    /// </summary>
    public const int MaxClaims = 1000;

    /// <summary>
    /// Runs every step over the document. With a <paramref name="deadline"/>, the budget is checked before each step and a
    /// document that has spent it ends with <see cref="ExtractionTimeoutException"/>.
    /// </summary>
    public ExtractionResult Extract(Document document, Deadline? deadline = null)
    {
        var ctx = Begin(document);
        foreach (var step in Steps)
        {
            deadline?.Check(step.Name);
            RunStep(step, ctx);
        }
        var claims = ctx.Claims;
        IReadOnlyList<string> warnings = [];
        if (claims.Count > MaxClaims)
        {
            warnings = [$"{claims.Count} claims in one document; only the first {MaxClaims} are kept"];
            claims = claims.Take(MaxClaims).ToList();
        }
        return new ExtractionResult(document, claims, (ctx.Written & ContextPart.Candidates) != 0 ? ctx.Candidates : []) { Warnings = warnings };
    }

    private static void BuildClaims(DocumentContext ctx) =>
        ctx.Claims = ctx.Candidates.Where(c => c.IsLive && c.Category is not null).Select(c => ToClaim(ctx, c))
            .OrderBy(c => c.Evidence.Start).ToList();

    private static bool EndsAsSentence(AnalyzedText a, int sentence)
    {
        var s = a.Sentences[sentence];
        var text = a.Text.AsSpan(s.Start, s.End - s.Start).TrimEnd().TrimEnd("\"”’')");
        return text.Length > 0 && text[^1] is '.' or '!' or '?' or ',' or ':';
    }

    private static Claim ToClaim(DocumentContext ctx, Candidate c)
    {
        var a = ctx.Text;
        var sameFigure = c.Merged.Where(m => m.Low == c.Low && m.High == c.High && m.Category == c.Category && !m.Mention.Vague).ToList();
        // The evidence is the first mention stated as a sentence in the body; a headline only when nothing else says it.
        var lead = new[] { c }.Concat(sameFigure).Where(m => !m.InTitle && EndsAsSentence(a, m.Sentence)).OrderBy(m => m.Mention.Start).FirstOrDefault()
            ?? (c.InTitle ? sameFigure.Where(m => !m.InTitle).OrderBy(m => m.Mention.Start).FirstOrDefault()
                ?? c.Merged.Where(m => !m.InTitle).OrderBy(m => m.Mention.Start).FirstOrDefault() : null)
            ?? c;
        var approx = c.Mention.Approximate || sameFigure.Any(m => m.Mention.Approximate);
        var sent = a.Sentences[lead.Sentence];
        var count = new Count(c.Low, c.High, approx, a.Slice(c.Mention.Start, c.Mention.End));
        return new Claim(
            c.Category!.Value,
            count,
            new Party(c.WhoText, c.WhoCountry, c.Role),
            c.Where,
            c.When,
            c.Source,
            c.Via,
            lead.Certainty,
            new Evidence(a.Text[sent.Start..sent.End], sent.Start, sent.End));
    }
}
