using Tally.Model;
using Tally.Text;

namespace Tally.Extraction;

/// <summary>A number expression in the text: the figure with its qualifiers, not yet known to count people.</summary>
public sealed class CountMention
{
    /// <summary>Tokens [Start, End) of the whole expression ("lebih dari 4.000").</summary>
    public required int Start { get; init; }
    public required int End { get; init; }
    /// <summary>Tokens [NumberStart, NumberEnd) of the figure itself ("4.000").</summary>
    public required int NumberStart { get; init; }
    public required int NumberEnd { get; init; }
    public required long? Low { get; init; }
    public required long? High { get; set; }
    public required bool Approximate { get; init; }
    /// <summary>A vague magnitude ("ratusan", "thousands").</summary>
    public bool Vague { get; init; }
    /// <summary>For a vague magnitude: the smallest precise figure it may loosely restate.</summary>
    public long RestatesFrom { get; init; }
    /// <summary>A statement that nobody was affected ("tidak ada korban jiwa"), with its category.</summary>
    public Category? ZeroCategory { get; init; }
    public required int Sentence { get; init; }

    public Count ToCount(AnalyzedText a) => new(Low, High, Approximate, a.Slice(Start, End));
    public override string ToString() => $"[{Start},{End}) {Low}..{High}{(Approximate ? "~" : "")}";
}
