using Tally.Documents;
using Tally.Extraction;
using Tally.Model;

namespace Tally.Tests;

/// <summary>Runs sentences through the real pipeline (cleaning, language pack, every stage).</summary>
public static class Run
{
    private static readonly Lazy<Pipeline> Shared = new(() => new Pipeline());

    public static Pipeline Pipeline => Shared.Value;

    public static ExtractionResult Extract(string text, string language, string? published = null, string? title = null)
    {
        var (p, hasTime, hasOffset) = published is null ? (null, false, false) : DocumentReader.ParseDate(published);
        var src = new SourceDocument
        {
            Id = "test", Body = text, Title = title, Origin = "test", Published = p, PublishedHasTime = hasTime, PublishedHasOffset = hasOffset,
            DeclaredLanguage = language,
        };
        var errors = new List<ReadError>();
        var r = Pipeline.Process(src, errors.Add);
        return r ?? throw new InvalidOperationException("not processed: " + string.Join("; ", errors));
    }

    public static IReadOnlyList<Claim> Claims(string text, string language, string? published = null) =>
        Extract(text, language, published).Claims;

    public static string Describe(IEnumerable<Claim> claims) =>
        string.Join(" | ", claims.Select(c => $"{Names.Of(c.Category)} {c.Count.Low?.ToString() ?? "null"}-{c.Count.High?.ToString() ?? "null"}{(c.Count.Approximate ? "~" : "")} who={c.Who.Country}/{Names.Of(c.Who.Role)} {Names.Of(c.Certainty)}"));
}
