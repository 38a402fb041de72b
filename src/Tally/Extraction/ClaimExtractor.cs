using Tally.Documents;
using Tally.Extraction.Stages;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction;

/// <summary>The claims of one document, with the candidates that were not kept (for explanations and tests).</summary>
public sealed record ExtractionResult(Document Document, IReadOnlyList<Claim> Claims, IReadOnlyList<Candidate> Candidates);

/// <summary>One step of the pipeline: reads the document context, fills or drops candidates.</summary>
public delegate void Stage(DocumentContext context, List<Candidate> candidates);

/// <summary>
/// The extraction pipeline: analyse the text, find figures, keep those about people, then fill category,
/// certainty, place, party, source and time, and merge repeats. Each stage is a small pure function over the
/// document context and the candidate list; the order is <see cref="DefaultStages"/>.
/// </summary>
public sealed class ClaimExtractor
{
    private readonly LanguageRegistry _languages;
    private readonly Gazetteer.Gazetteer _gazetteer;
    private readonly IReadOnlyList<(string Name, Stage Run)> _stages;

    public static IReadOnlyList<(string Name, Stage Run)> DefaultStages { get; } =
    [
        ("category", CategoryStage.Run),
        ("certainty", CertaintyStage.Run),
        ("attribution", AttributionStage.Run),
        ("time", TimeStage.Run),
        ("place", PlaceStage.Run),
        ("party", PartyStage.Run),
        ("dedup", DedupStage.Run),
    ];

    public ClaimExtractor(LanguageRegistry? languages = null, Gazetteer.Gazetteer? gazetteer = null, IReadOnlyList<(string, Stage)>? stages = null)
    {
        _languages = languages ?? LanguageRegistry.Default;
        _gazetteer = gazetteer ?? Gazetteer.Gazetteer.Default;
        _stages = stages ?? DefaultStages;
    }

    public LanguageRegistry Languages => _languages;

    public ExtractionResult Extract(Document document)
    {
        var pack = _languages.Get(document.Language);
        var analyzed = TextAnalyzer.Analyze(document.Text, pack);
        var geo = Gazetteer.Gazetteer.Disambiguate(_gazetteer.Find(analyzed), analyzed);
        var ctx = new DocumentContext(document, analyzed, geo, _gazetteer);
        var mentions = CountFinder.Find(analyzed);
        var candidates = PeopleStage.Run(ctx, mentions);
        foreach (var (_, run) in _stages) run(ctx, candidates);
        var claims = candidates.Where(c => c.IsLive && c.Category is not null).Select(c => ToClaim(ctx, c))
            .OrderBy(c => c.Evidence.Start).ToList();
        return new ExtractionResult(document, claims, candidates);
    }

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
