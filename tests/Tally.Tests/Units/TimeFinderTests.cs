using Tally.Extraction;

namespace Tally.Tests.Units;

/// <summary>
/// <see cref="TimeFinder"/> through its public method: the time expressions of a text, each resolved to a period
/// ("from..to", inclusive) against the publication date.
/// </summary>
public class TimeFinderTests
{
    private static List<TimeExpression> Find(string text, string language, string? published) =>
        TimeFinder.Find(Analyze.Text(text, language), published is null ? null : DateOnly.Parse(published));

    private static string Periods(string text, string language, string? published) =>
        string.Join(" ", Find(text, language, published).Select(t => $"{t.From:yyyy-MM-dd}..{t.To:yyyy-MM-dd}"));

    [Theory]
    // explicit dates
    [InlineData("id", "2023-05-20", "Banjir melanda pada 12 Mei 2023.", "2023-05-12..2023-05-12")]
    [InlineData("en", "2023-05-20", "The floods struck on 12 May 2023.", "2023-05-12..2023-05-12")]
    [InlineData("en", "2023-05-20", "The floods struck on May 12, 2023.", "2023-05-12..2023-05-12")]
    [InlineData("ms", "2023-05-20", "Banjir melanda pada 12 Mei 2023.", "2023-05-12..2023-05-12")]
    // a day and month without a year: the one on or before publication
    [InlineData("id", "2023-05-20", "Banjir melanda pada 12 Mei.", "2023-05-12..2023-05-12")]
    [InlineData("id", "2023-02-10", "Banjir melanda pada 28 Desember.", "2022-12-28..2022-12-28")]
    // a weekday with the date in brackets
    [InlineData("id", "2024-12-20", "Serangan terjadi pada Rabu (18/12/2024).", "2024-12-18..2024-12-18")]
    [InlineData("id", "2020-11-07", "Kontak tembak terjadi pada Jumat (6/11).", "2020-11-06..2020-11-06")]
    // day ranges, months, years
    [InlineData("en", "2020-10-01", "The clashes lasted from 14-19 September 2020.", "2020-09-14..2020-09-19")]
    [InlineData("en", "2021-03-01", "The camp opened in September 2020.", "2020-09-01..2020-09-30")]
    [InlineData("id", "2023-06-15", "Bencana itu terjadi pada Januari lalu.", "2023-01-01..2023-01-31")]
    [InlineData("id", "2023-06-15", "Konflik itu pecah pada tahun 2022.", "2022-01-01..2022-12-31")]
    [InlineData("id", "2025-04-30", "Sebanyak 2.000 tentara dipulangkan pada tahun ini.", "2025-01-01..2025-12-31")]
    // relative words, resolved against publication
    [InlineData("id", "2024-03-14", "Dua warga tewas kemarin.", "2024-03-13..2024-03-13")]
    [InlineData("en", "2024-03-14", "Two guards were killed yesterday.", "2024-03-13..2024-03-13")]
    [InlineData("en", "2024-03-14", "Four hikers died three days ago.", "2024-03-11..2024-03-11")]
    [InlineData("id", "2024-03-14", "Empat pendaki tewas tiga hari lalu.", "2024-03-11..2024-03-11")]
    public void Resolves_a_time_expression(string language, string published, string text, string expected) =>
        Assert.Equal(expected, Periods(text, language, published));

    [Theory]
    [InlineData("id", "Dua warga tewas kemarin.")]
    [InlineData("en", "Four hikers died three days ago.")]
    [InlineData("en", "The floods struck on 12 May.")]
    public void Without_a_publication_date_leaves_a_relative_expression_unresolved(string language, string text) =>
        Assert.Equal("", Periods(text, language, null));

    [Theory]
    [InlineData("id", "Banjir melanda pada 12 Mei 2023.", "2023-05-12..2023-05-12")]
    [InlineData("en", "The camp opened in September 2020.", "2020-09-01..2020-09-30")]
    public void Without_a_publication_date_resolves_an_expression_with_its_own_year(string language, string text, string expected) =>
        Assert.Equal(expected, Periods(text, language, null));

    [Theory]
    [InlineData("en", "Nine fishermen drowned off the coast.")]
    [InlineData("id", "Sembilan nelayan tenggelam di lepas pantai.")]
    public void Finds_nothing_in_a_text_without_time_words(string language, string text) =>
        Assert.Equal("", Periods(text, language, "2024-03-14"));

    [Fact]
    public void An_expression_knows_its_text_and_tokens()
    {
        var a = Analyze.Text("Dua warga tewas pada 12 Mei 2023 di Aceh.", "id");
        var t = Assert.Single(TimeFinder.Find(a, new DateOnly(2023, 5, 20)));
        Assert.Contains("12 Mei 2023", t.Text);
        Assert.Contains("12 Mei 2023", a.Slice(t.Start, t.End));
        Assert.False(t.Relative);
    }

    [Fact]
    public void A_relative_expression_is_marked_so()
    {
        var t = Assert.Single(Find("Dua warga tewas kemarin.", "id", "2024-03-14"));
        Assert.True(t.Relative);
    }

    [Fact]
    public void Until_marks_a_figure_as_of_a_date()
    {
        var t = Assert.Single(Find("Hingga 5 Maret 2024, sebanyak 40 warga tewas.", "id", "2024-03-06"));
        Assert.True(t.Until);
        Assert.Equal(new DateOnly(2024, 3, 5), t.To);
    }
}
