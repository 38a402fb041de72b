using Tally.Documents;
using Tally.Gazetteer;
using Tally.Languages;
using Tally.Model;
using Tally.Text;

namespace Tally.Extraction;

/// <summary>
/// A figure on its way to becoming a claim. Stages fill its fields in turn; a stage that decides it is
/// not a claim sets <see cref="Dropped"/> with the reason (kept for the explain output and for tests).
/// </summary>
public sealed class Candidate
{
    public required CountMention Mention { get; init; }
    public int Sentence => Mention.Sentence;

    /// <summary>The people noun after the figure ("tentara", "lainnya"), tokens [NounStart, NounEnd).</summary>
    public int NounStart { get; set; } = -1;
    public int NounEnd { get; set; } = -1;
    public LexEntry? Noun { get; set; }
    /// <summary>The affected party's phrase, tokens [PartyStart, PartyEnd) (empty when the figure stands alone).</summary>
    public int PartyStart { get; set; } = -1;
    public int PartyEnd { get; set; } = -1;

    public Category? Category { get; set; }
    public CueStrength CueStrength { get; set; }
    public int CueStart { get; set; } = -1;
    public int CueEnd { get; set; } = -1;
    public bool CueAfter { get; set; }

    public string? WhoText { get; set; }
    public string? WhoCountry { get; set; }
    public Role Role { get; set; }
    public bool RoleFromContext { get; set; }

    public Certainty Certainty { get; set; }
    public Source? Source { get; set; }
    public int SourceSentence { get; set; } = -1;
    public string? Via { get; set; }
    public Place? Where { get; set; }
    /// <summary>The place was found in the figure's own sentence (not borrowed from its paragraph or the document).</summary>
    public bool WhereInSentence { get; set; }
    public Period? When { get; set; }
    /// <summary>The period was written in the figure's own sentence (not borrowed from its paragraph).</summary>
    public bool WhenInSentence { get; set; }
    /// <summary>The period is the date the figure was given ("kata X, Jumat (6/11)"), not the date of the event.</summary>
    public bool WhenIsStatement { get; set; }

    /// <summary>Other mentions of the same claim merged into this one (headline and body, lead and quote).</summary>
    public List<Candidate> Merged { get; } = [];

    public bool InTitle { get; set; }
    public string? Dropped { get; set; }
    /// <summary>The step that set <see cref="Dropped"/> (recorded by the extractor after each step).</summary>
    public string? DroppedBy { get; set; }
    public bool IsLive => Dropped is null;
    public bool HasNoun => Noun is not null;

    public long? Low => Mention.Low;
    public long? High => Mention.High;

    public override string ToString() => $"{Category?.ToString() ?? "?"} {Mention} who={WhoText}/{WhoCountry}/{Role}{(Dropped is null ? "" : " DROPPED " + Dropped)}";
}

/// <summary>The parts of a document's extraction state that steps read and write (see <see cref="ExtractionStep"/>).</summary>
[Flags]
public enum ContextPart
{
    None = 0,
    /// <summary>The prepared document: cleaned text, language, publication date (there before the first step).</summary>
    Document = 1 << 0,
    /// <summary>Tokens, sentences, paragraphs and lexicon layers (<see cref="DocumentContext.Text"/>).</summary>
    Text = 1 << 1,
    /// <summary>Gazetteer hits, disambiguated (<see cref="DocumentContext.Geo"/>).</summary>
    Places = 1 << 2,
    /// <summary>Every figure written in the text (<see cref="DocumentContext.Mentions"/>).</summary>
    Counts = 1 << 3,
    /// <summary>The figures that may be counts of people (<see cref="DocumentContext.Candidates"/>).</summary>
    Candidates = 1 << 4,
    /// <summary>Each candidate's people noun and party phrase.</summary>
    People = 1 << 5,
    /// <summary>Time expressions outside date-lines and page stamps (<see cref="DocumentContext.Times"/>).</summary>
    Times = 1 << 6,
    /// <summary>Reporting frames and their speakers (<see cref="DocumentContext.Frames"/>).</summary>
    Frames = 1 << 7,
    /// <summary>The country the document names most often (<see cref="DocumentContext.MainCountry"/>).</summary>
    MainCountry = 1 << 8,
    /// <summary>Candidates set aside, each with its reason and the step that dropped it.</summary>
    Drops = 1 << 9,
    Category = 1 << 10,
    Certainty = 1 << 11,
    Source = 1 << 12,
    When = 1 << 13,
    Where = 1 << 14,
    /// <summary>The affected party's country and role.</summary>
    Party = 1 << 15,
    /// <summary>Restatements joined to the claim they repeat.</summary>
    Merged = 1 << 16,
    /// <summary>The claims, built from the candidates that are left (<see cref="DocumentContext.Claims"/>).</summary>
    Claims = 1 << 17,
}

/// <summary>
/// One document's extraction state. The steps of <see cref="ClaimExtractor.Steps"/> fill it in order; each part is written
/// once, by the step that declares it, and reading a part before its step ran is an error (not a silent null).
/// </summary>
public sealed class DocumentContext
{
    public DocumentContext(Document document, LanguagePack language, Gazetteer.Gazetteer gazetteer)
    {
        Document = document;
        Language = language;
        Gazetteer = gazetteer;
        Written = ContextPart.Document;
    }

    public Document Document { get; }
    public LanguagePack Language { get; }
    public Gazetteer.Gazetteer Gazetteer { get; }
    /// <summary>The parts the steps have written so far.</summary>
    public ContextPart Written { get; private set; }
    public DateOnly? Published => Document.Published is { } p ? DateOnly.FromDateTime(p.DateTime) : null;

    /// <summary>
    /// The day the document reports from: its publication date, else (an undated page) the date its date-line or
    /// date stamp gives, else the latest day it writes out in full. Set by the times step with <see cref="Times"/>;
    /// null when the document gives none. Part of <see cref="ContextPart.Times"/>: reading it before that step ran is an error.
    /// </summary>
    public (DateOnly Day, string Text)? ReportDay
    {
        get => (Written & ContextPart.Times) != 0 ? _reportDay : throw Unwritten(ContextPart.Times);
        set => _reportDay = value;
    }
    private (DateOnly Day, string Text)? _reportDay;

    private AnalyzedText? _text;
    private GeoHit[]? _geo;
    private int[]? _geoAt;
    private List<CountMention>? _mentions;
    private List<Candidate>? _candidates;
    private List<TimeExpression>? _times;
    private List<Stages.Frame>? _frames;
    private string? _mainCountry;
    private IReadOnlyList<Claim>? _claims;

    public AnalyzedText Text
    {
        get => _text ?? throw Unwritten(ContextPart.Text);
        set { Mark(ContextPart.Text); _text = value; TitleParagraphs = FindTitleParagraphs(Document, value); }
    }

    public GeoHit[] Geo
    {
        get => _geo ?? throw Unwritten(ContextPart.Places);
        set
        {
            Mark(ContextPart.Places);
            _geo = value;
            var at = new int[Text.Tokens.Length];
            Array.Fill(at, -1);
            for (int g = 0; g < value.Length; g++)
                for (int t = value[g].Start; t < value[g].End; t++) at[t] = g;
            _geoAt = at;
        }
    }

    /// <summary>Token → index into <see cref="Geo"/> (or -1).</summary>
    public int[] GeoAt => _geoAt ?? throw Unwritten(ContextPart.Places);

    public List<CountMention> Mentions { get => _mentions ?? throw Unwritten(ContextPart.Counts); set { Mark(ContextPart.Counts); _mentions = value; } }

    public List<Candidate> Candidates { get => _candidates ?? throw Unwritten(ContextPart.Candidates); set { Mark(ContextPart.Candidates); _candidates = value; } }

    /// <summary>Time expressions of the document that may date a figure (found once, shared by the steps that need them).</summary>
    public List<TimeExpression> Times { get => _times ?? throw Unwritten(ContextPart.Times); set { Mark(ContextPart.Times); _times = value; } }

    /// <summary>The reporting frames of the document (found once, shared by the steps that need them).</summary>
    public List<Stages.Frame> Frames { get => _frames ?? throw Unwritten(ContextPart.Frames); set { Mark(ContextPart.Frames); _frames = value; _framesBySentence = null; } }
    private ILookup<int, Stages.Frame>? _framesBySentence;
    /// <summary>The frames of one sentence, in text order (indexed once, so that asking per figure stays linear).</summary>
    public IEnumerable<Stages.Frame> FramesInSentence(int sentence) => (_framesBySentence ??= Frames.ToLookup(f => f.Sentence))[sentence];

    /// <summary>The country the document names most often (found once).</summary>
    public string? MainCountry
    {
        get => (Written & ContextPart.MainCountry) != 0 ? _mainCountry : throw Unwritten(ContextPart.MainCountry);
        set { Mark(ContextPart.MainCountry); _mainCountry = value; }
    }

    public IReadOnlyList<Claim> Claims { get => _claims ?? throw Unwritten(ContextPart.Claims); set { Mark(ContextPart.Claims); _claims = value; } }

    /// <summary>Whether any candidate is still a possible claim (steps that only serve live candidates skip otherwise).</summary>
    public bool HasLiveCandidates => _candidates is { } c && c.Exists(x => x.IsLive);

    /// <summary>Records that a step wrote a part that is a field of the candidates (category, source, ...).</summary>
    public void Mark(ContextPart part) => Written |= part;

    private static InvalidOperationException Unwritten(ContextPart part) =>
        new($"the document context's {part} is read before the step that writes it ran (see ClaimExtractor.Steps)");

    public int TitleParagraphs { get; private set; }

    public bool InTitle(int sentence) => Text.Sentences[sentence].Paragraph < TitleParagraphs;

    /// <summary>Geo hits lying inside tokens [from, to).</summary>
    public IEnumerable<GeoHit> GeoWithin(int from, int to)
    {
        var geoAt = GeoAt;
        var geo = Geo;
        for (int t = Math.Max(0, from); t < to && t < geoAt.Length; t++)
        {
            if (geoAt[t] < 0) continue;
            var h = geo[geoAt[t]];
            if (h.Start == t && h.End <= to) yield return h;
            t = h.End - 1;
        }
    }

    /// <summary>
    /// The headline: an explicit title, else a first line with no sentence-final stop (news-please puts the headline there).
    /// </summary>
    private static int FindTitleParagraphs(Document d, AnalyzedText a)
    {
        if (a.Paragraphs.Length == 0) return 0;
        if (d.TitleLength > 0)
        {
            int n = 0;
            while (n < a.Paragraphs.Length && a.Paragraphs[n].Start < d.TitleLength) n++;
            return n;
        }
        var p = a.Paragraphs[0];
        var line = a.Text.AsSpan(p.Start, p.End - p.Start).TrimEnd();
        if (line.Length is > 0 and < 220 && a.Paragraphs.Length > 1 && line[^1] is not ('.' or '!' or '?' or '"' or '”' or ':')) return 1;
        return 0;
    }
}
