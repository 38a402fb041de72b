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
public enum SyntaxRole : byte { Relative, Breaker, Clause, Predicate, Preposition, Origin, Negation, Figure, Complement, Contrast, Street, Including, Neutral, Change, Previous, Filler, Cause, Feature, Town, Area, Possessive }
public enum ReportingFrame : byte { Say, According, Via, Data, Cite }
public enum ContextKind : byte { Disaster, CivilianHarm, Conflict }

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
    /// <summary>Free value for time words (an offset, a unit) and months (1-12), weekdays (0-6).</summary>
    public string Tag { get; init; } = "";
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
