using Tally.Model;

namespace Tally.Tests;

/// <summary>How a count reads in the CLI's tables and the dashboard.</summary>
public class CountDisplayTests
{
    [Theory]
    [InlineData(600L, 600L, false, "600")]
    [InlineData(600L, 600L, true, "~600")]
    [InlineData(2000L, 9999L, false, "2,000–9,999")]
    [InlineData(40000L, null, false, "≥40,000")]
    [InlineData(null, 100L, false, "≤100")]
    [InlineData(null, null, false, "?")]
    public void A_count_reads_as_a_figure_a_range_or_a_bound(long? low, long? high, bool approximate, string expected) =>
        Assert.Equal(expected, new Count(low, high, approximate, "").Display());
}
