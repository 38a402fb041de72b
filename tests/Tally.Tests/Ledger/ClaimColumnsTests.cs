using Tally.Documents;
using Tally.Extraction;
using Tally.Ledger;
using Tally.Model;

namespace Tally.Tests.Ledger;

/// <summary>
/// The one table of claim columns (<see cref="ClaimColumns"/>): its column list, the parameters it binds and the
/// positions it reads must agree, on both backends. A claim with every field set comes back whole, as a document's
/// claim and as an entry's face, and one with every optional field empty comes back empty.
/// </summary>
public class ClaimColumnsTests
{
    private static readonly Claim Full = new(
        Category.Injured,
        new Count(12, 15, Approximate: true, "12 to 15"),
        new Party("soldiers", "UA", Role.StateForces),
        new Place("Kharkiv", "UA", 49.9935, 36.230383),
        new Period("last week", new DateOnly(2024, 5, 6), new DateOnly(2024, 5, 12)),
        new Source("the regional governor", "Oleh Syniehubov", "UA", SourceKind.Government),
        "Reuters",
        Certainty.Reported,
        new Evidence("Between 12 and 15 soldiers were injured, the regional governor said.", 0, 69));

    private static readonly Claim Bare = new(
        Category.Killed, new Count(3, null, false, "3"), new Party(null, null, Role.Unspecified), null, null, null, null,
        Certainty.Asserted, new Evidence("3 died.", 70, 77));

    private static ExtractionResult Result(string id, string published, params Claim[] claims)
    {
        var text = Full.Evidence.Sentence + " " + Bare.Evidence.Sentence;
        var doc = new Document
        {
            Id = id, Url = $"https://example.org/{id}", Language = "en", Text = text,
            Published = new DateTimeOffset(DateTime.Parse(published, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero),
        };
        return new ExtractionResult(doc, claims, []);
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void A_claim_with_every_field_and_one_with_none_come_back_as_stored(string backend)
    {
        using var t = new TestLedger(backend);
        using var store = t.Open();
        store.Ingest([Result("a", "2024-05-13", Full, Bare)]);
        var rowId = store.FindDocumentByText(Full.Evidence.Sentence + " " + Bare.Evidence.Sentence);
        Assert.NotNull(rowId);
        var stored = store.GetDocument(rowId.Value)!.Value;
        Assert.Equal([Full, Bare], stored.Claims.Select(c => c.Claim).ToArray());
        // Each is an entry's face too, read through the entries' own column list.
        foreach (var (claim, entryId) in stored.Claims)
        {
            var entry = store.Get(entryId!.Value)!;
            Assert.Equal(claim, entry.Claim);
            Assert.Equal(SourceIdentity.Key(claim.Source), entry.SourceKey);
        }
        var listed = store.List(new EntryFilter()).Select(e => e.Claim).ToHashSet();
        Assert.Contains(Full, listed);
        Assert.Contains(Bare, listed);
    }

    [SkippableTheory, MemberData(nameof(TestLedger.Names), MemberType = typeof(TestLedger))]
    public void A_rebuilt_entry_takes_its_face_from_the_claims_that_still_cite_it(string backend)
    {
        using var t = new TestLedger(backend);
        using var store = t.Open();
        // Two documents state the same figure; the first is then replaced by a version that no longer states it.
        var precise = Full with { Count = new Count(15, 15, false, "15") };
        var vague = Full with { Count = new Count(15, null, false, "at least 15"), Source = null, Via = null };
        store.Ingest([Result("a", "2024-05-13", precise)]);
        store.Ingest([Result("b", "2024-05-14", vague) with { Document = Result("b", "2024-05-14").Document with { Url = "https://example.org/b", Text = "b" } }]);
        var entry = Assert.Single(store.List(new EntryFilter()));
        Assert.Equal(2, entry.CitationCount);
        Assert.Equal(precise, entry.Claim);
        store.Ingest([Result("a2", "2024-05-15", Bare) with { Document = Result("a", "2024-05-15").Document with { Text = "a, corrected" } }]);
        var rebuilt = store.List(new EntryFilter { Category = Category.Injured }).Single();
        Assert.Equal(1, rebuilt.CitationCount);
        Assert.Equal(vague, rebuilt.Claim);
        Assert.Equal("2024-05-14", rebuilt.FirstSeen);
    }

    [Fact]
    public void The_parameters_follow_the_columns_one_for_one()
    {
        var ps = ClaimColumns.Bind(Full, ("@extra", 1L));
        Assert.Equal(ClaimColumns.All.Length + 1, ps.Length);
        // A query selects the columns written and then the evidence sentence (stored once per span, not in the row).
        Assert.Equal(ClaimColumns.All.Length + 1, ClaimColumns.Count);
        Assert.DoesNotContain("evidence", ClaimColumns.All.Select(c => c.Name));
        Assert.EndsWith(ClaimColumns.Sentence("c"), ClaimColumns.Select("c"), StringComparison.Ordinal);
        Assert.Equal(ClaimColumns.All.Select(c => "@" + c.Name).Append("@extra"), ps.Select(p => p.Item1));
        Assert.Equal(ClaimColumns.List.Split(", "), ClaimColumns.All.Select(c => c.Name));
        Assert.Equal(ClaimColumns.Parameters.Split(", "), ClaimColumns.All.Select(c => c.Parameter));
        Assert.Equal(ClaimColumns.All.Length, ClaimColumns.All.Select(c => c.Name).Distinct().Count());
    }
}
