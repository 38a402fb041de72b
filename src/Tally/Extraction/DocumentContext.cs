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
    public Period? When { get; set; }
    /// <summary>The period was written in the figure's own sentence (not borrowed from its paragraph).</summary>
    public bool WhenInSentence { get; set; }
    /// <summary>The period is the date the figure was given ("kata X, Jumat (6/11)"), not the date of the event.</summary>
    public bool WhenIsStatement { get; set; }

    /// <summary>Other mentions of the same claim merged into this one (headline and body, lead and quote).</summary>
    public List<Candidate> Merged { get; } = [];

    public bool InTitle { get; set; }
    public string? Dropped { get; set; }
    public bool IsLive => Dropped is null;
    public bool HasNoun => Noun is not null;

    public long? Low => Mention.Low;
    public long? High => Mention.High;

    public override string ToString() => $"{Category?.ToString() ?? "?"} {Mention} who={WhoText}/{WhoCountry}/{Role}{(Dropped is null ? "" : " DROPPED " + Dropped)}";
}

/// <summary>Everything the stages read about one document; built once, then shared (read-only) by every stage.</summary>
public sealed class DocumentContext
{
    public DocumentContext(Document document, AnalyzedText analyzed, GeoHit[] geo, Gazetteer.Gazetteer gazetteer)
    {
        Document = document;
        Text = analyzed;
        Geo = geo;
        Gazetteer = gazetteer;
        GeoAt = new int[analyzed.Tokens.Length];
        Array.Fill(GeoAt, -1);
        for (int g = 0; g < geo.Length; g++)
            for (int t = geo[g].Start; t < geo[g].End; t++) GeoAt[t] = g;
        TitleParagraphs = FindTitleParagraphs(document, analyzed);
    }

    public Document Document { get; }
    public AnalyzedText Text { get; }
    public LanguagePack Language => Text.Language;
    public GeoHit[] Geo { get; }
    public Gazetteer.Gazetteer Gazetteer { get; }
    /// <summary>Token → index into <see cref="Geo"/> (or -1).</summary>
    public int[] GeoAt { get; }
    public int TitleParagraphs { get; }
    public DateOnly? Published => Document.Published is { } p ? DateOnly.FromDateTime(p.DateTime) : null;

    private List<Stages.Frame>? _frames;

    /// <summary>The reporting frames of the document (found once, shared by the stages that need them).</summary>
    public List<Stages.Frame> Frames => _frames ??= Stages.AttributionStage.FindFrames(this);

    private string? _mainCountry;
    private bool _mainCountryFound;

    /// <summary>The country the document names most often (found once).</summary>
    public string? MainCountry
    {
        get
        {
            if (!_mainCountryFound) { _mainCountry = Stages.PartyStage.FindMainCountry(this); _mainCountryFound = true; }
            return _mainCountry;
        }
    }

    public bool InTitle(int sentence) => Text.Sentences[sentence].Paragraph < TitleParagraphs;

    /// <summary>Geo hits lying inside tokens [from, to).</summary>
    public IEnumerable<GeoHit> GeoWithin(int from, int to)
    {
        for (int t = Math.Max(0, from); t < to && t < GeoAt.Length; t++)
        {
            if (GeoAt[t] < 0) continue;
            var h = Geo[GeoAt[t]];
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
