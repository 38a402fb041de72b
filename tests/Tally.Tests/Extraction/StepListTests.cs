using Tally.Documents;
using Tally.Extraction;
using Tally.Tests.Cli;

namespace Tally.Tests.Extraction;

/// <summary>The extraction is one declared list of named steps: its data flow is checked, and every drop names its step.</summary>
public class StepListTests
{
    [Fact]
    public void The_default_steps_run_in_the_documented_order_and_their_reads_are_written_before()
    {
        Assert.Equal(
            ["analysis", "places", "counts", "people", "times", "dates", "main-country", "frames", "category", "certainty", "attribution", "time", "place", "party", "homecoming", "merging", "report-day", "claims"],
            ClaimExtractor.DefaultSteps.Select(s => s.Name));
        ClaimExtractor.Validate(ClaimExtractor.DefaultSteps);
        // Filters that set candidates aside run before the steps that fill candidates' fields.
        int LastFilter() => ClaimExtractor.DefaultSteps.ToList().FindLastIndex(s => s.Name is "people" or "dates");
        int FirstFill() => ClaimExtractor.DefaultSteps.ToList().FindIndex(s => (s.Writes & (ContextPart.Certainty | ContextPart.Source | ContextPart.When | ContextPart.Where | ContextPart.Party)) != 0);
        Assert.True(LastFilter() < FirstFill());
    }

    [Fact]
    public void A_reordered_list_that_breaks_the_data_flow_is_refused_naming_the_step_and_what_it_lacks()
    {
        var steps = ClaimExtractor.DefaultSteps.ToList();
        var category = steps.Single(s => s.Name == "category");
        steps.Remove(category);
        steps.Insert(steps.FindIndex(s => s.Name == "people"), category);
        var e = Assert.Throws<ArgumentException>(() => new ClaimExtractor(steps: steps));
        Assert.Equal("step 'category' reads Candidates, People, which no step before it writes", e.Message);

        var noMerging = ClaimExtractor.DefaultSteps.Where(s => s.Name != "merging").ToList();
        Assert.Equal("step 'report-day' reads Merged, which no step before it writes", Assert.Throws<ArgumentException>(() => new ClaimExtractor(steps: noMerging)).Message);
        Assert.Equal("no step writes the claims", Assert.Throws<ArgumentException>(() => new ClaimExtractor(steps: ClaimExtractor.DefaultSteps.SkipLast(1).ToList())).Message);
    }

    [Fact]
    public void Reading_a_part_of_the_context_before_its_step_ran_is_an_error_not_a_null()
    {
        var doc = new Document { Id = "x", Text = "Sebanyak 5 warga tewas.", Language = "id", Origin = "x" };
        var extractor = Run.Pipeline.Extractor;
        var ctx = extractor.Begin(doc);
        var e = Assert.Throws<InvalidOperationException>(() => ctx.Text);
        Assert.Contains("Text is read before the step that writes it ran", e.Message);
        Assert.Throws<InvalidOperationException>(() => ctx.MainCountry);
        ClaimExtractor.RunStep(extractor.Steps[0], ctx);
        Assert.Equal(ContextPart.Document | ContextPart.Text, ctx.Written);
        Assert.NotEmpty(ctx.Text.Tokens);
    }

    [Fact]
    public void Every_dropped_figure_names_the_step_that_dropped_it()
    {
        // A date (a year inside a time), a unit (years), things (houses), people with no category, and one claim.
        var r = Run.Extract("Sebanyak 12 warga tewas dalam banjir sepanjang 2023. Sebanyak 3 tahun warga menunggu. Ada 30 rumah di desa itu. "
            + "Sebanyak 40 orang menghadiri rapat.", "id");
        Assert.Single(r.Claims);
        var dropped = r.Candidates.Where(c => !c.IsLive).ToDictionary(c => c.Mention.Low ?? -1, c => (c.DroppedBy, c.Dropped));
        Assert.All(r.Candidates.Where(c => !c.IsLive), c => Assert.Contains(c.DroppedBy, ClaimExtractor.DefaultSteps.Select(s => s.Name)));
        Assert.Equal("dates", dropped[2023].DroppedBy);
        // A rule of the language data names the row that decided.
        Assert.Equal("people", dropped[3].DroppedBy);
        Assert.Matches(@"^not people: tahun \(data/lang/id/units\.tsv:\d+\)$", dropped[3].Dropped);
        Assert.Matches(@"^not people: rumah \(data/lang/id/units\.tsv:\d+\)$", dropped[30].Dropped);
        Assert.Equal(("category", "no category"), dropped[40]);
    }

    [Fact]
    public void Tally_explain_shows_the_step_beside_each_reason()
    {
        using var d = new TempDir();
        var file = Path.Combine(d.Path, "a.txt");
        File.WriteAllText(file, "Sebanyak 12 warga tewas dalam banjir sepanjang 2023. Ada 30 rumah di desa itu.");
        var r = CliRunner.Run(["explain", file, "--lang", "id"]);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("<- [dates] part of a time: ", r.Stdout);
        Assert.Matches(@"<- \[people\] not people: rumah \(data/lang/id/units\.tsv:\d+\)", r.Stdout);
    }
}
