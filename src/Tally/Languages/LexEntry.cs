using Tally.Model;

namespace Tally.Languages;

/// <summary>The kinds of language knowledge a pack holds; each is one data file.</summary>
public enum LexKind : byte
{
    Number, Vague, Qualifier, Category, People, Unit, Hedge, Modality, Syntax, Zero, Reporting, Month,
    Weekday, Time, Context, NotNumber, Speaker,
}

public enum NumberWordKind : byte { Unit, Teen, Tens, Hundred, Scale, Scale1, Connector, Article }
public enum QualifierKind : byte { Approx, Min, Max, Range, Between, And, RoundUp }
public enum CueDirection : byte { Pre, Post, Both }
public enum CueStrength : byte { Strong, Weak, None }
public enum PeopleKind : byte { Generic, Specific, Anaphor, Partitive, Modifier }
public enum ModalityKind : byte { Future, Possibility, Conditional, Generic }
public enum SyntaxRole : byte { Relative, Breaker, Clause, Predicate, Preposition, Origin, Negation, Figure, Complement, Contrast, Street, Including, Neutral, Change, Previous, Filler, Cause, Feature, Town, Area, Possessive, Coordinator, Breakdown, Continuation, Arrival, Current }
public enum ReportingFrame : byte { Say, According, Via, Data, Cite }
public enum ContextKind : byte { Disaster, CivilianHarm, Conflict }

/// <summary>Where a unit noun stands to its number (units.tsv): after it ("5 tahun", the default), before it ("usia 5"), or either.</summary>
public enum UnitPosition : byte { After, Before, Both }

/// <summary>Where a reporting word's speaker stands (reporting.tsv): before or after it, either (the default), or the word is
/// the speaker itself ("polisi" in "menurut polisi" is not; a "self" entry such as "sources say" names its own speaker).</summary>
public enum SpeakerPosition : byte { Either, Before, After, Self }

/// <summary>
/// What a word of a speaker description is (speakers.tsv): a title ("-": Kepala, Kolonel), a body of a known kind of
/// source (its <see cref="LexEntry.SourceKind"/>: kementerian, militer), a word that links description parts (of, dari), a
/// preposition of office (at, di), an auxiliary between speaker and verb (juga, has), a pronoun, or an anaphor that points
/// back to a speaker named before ("kementerian itu", "the ministry").
/// </summary>
public enum SpeakerRole : byte { Title, Body, Link, At, Aux, Pronoun, Anaphor }

/// <summary>The time words of time.tsv (the meaning of each is in data/lang/id/time.tsv's header).</summary>
public enum TimeTag : byte
{
    Ago, Day, EarlierMonth, EarlierWeek, EarlierYear, Early, Half, Last, Late, Mid, MidMonth, Month, Now, Ordinal, Overnight,
    PartOfDay, Past, Quarter, Recent, Since, Unit, Until, Week, Weekend, Window, Year, YearDet, YearWord,
}

/// <summary>Where a language puts adjectives and nationality words: before the noun ("North Korean soldiers") or after it
/// ("tentara Korea Utara").</summary>
public enum AdjectivePosition : byte { Before, After }

/// <summary>One row of a language data file. Only the fields of its kind are meaningful.</summary>
public sealed class LexEntry
{
    public required LexKind Kind { get; init; }
    public required string Phrase { get; init; }
    public double Value { get; init; }
    public NumberWordKind NumberKind { get; init; }
    public long Low { get; init; }
    public long High { get; init; }
    public long RestatesFrom { get; init; }
    public QualifierKind Qualifier { get; init; }
    /// <summary>The qualifier may stand before the number (the default).</summary>
    public bool PrePosition { get; init; } = true;
    /// <summary>The qualifier may stand after the number ("70 ribu lebih", "600 or more").</summary>
    public bool PostPosition { get; init; }
    public Category? Category { get; init; }
    public CueDirection Direction { get; init; }
    public CueStrength Strength { get; init; }
    public Role Role { get; init; }
    public PeopleKind PeopleKind { get; init; }
    public Certainty Certainty { get; init; }
    public ModalityKind Modality { get; init; }
    public SyntaxRole Syntax { get; init; }
    public ReportingFrame Frame { get; init; }
    public ContextKind Context { get; init; }
    /// <summary>Unit nouns: where the noun stands to the number.</summary>
    public UnitPosition UnitPosition { get; init; }
    /// <summary>Reporting words: where the speaker stands.</summary>
    public SpeakerPosition SpeakerAt { get; init; }
    /// <summary>Speaker words: what the word is in a description; bodies have a <see cref="SourceKind"/>.</summary>
    public SpeakerRole SpeakerRole { get; init; }
    public SourceKind SourceKind { get; init; }
    /// <summary>Time words: what the word is; <see cref="Value"/> holds its offset or length.</summary>
    public TimeTag Time { get; init; }
    /// <summary>Where the entry was written: "data/lang/id/units.tsv:12" (set by the loader; shown when a rule drops a figure).</summary>
    public string Origin { get; internal set; } = "";
    public override string ToString() => $"{Kind}:{Phrase}";
}

/// <summary>All entries of one kind that share a phrase (a trie value: a match never allocates).</summary>
public sealed class LexGroup(LexKind kind, LexEntry[] entries)
{
    public LexKind Kind { get; } = kind;
    public LexEntry[] Entries { get; } = entries;
    public LexEntry First => Entries[0];
    public override string ToString() => $"{Kind}:{First.Phrase}";
}
