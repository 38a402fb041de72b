using Tally.Extraction;
using Tally.Model;

namespace Tally.Tests.Units;

/// <summary><see cref="CountRelations"/>: when two counts state the same thing, and which says more.</summary>
public class CountRelationsTests
{
    private static Count C(long? low, long? high, bool approximate = false) => new(low, high, approximate, "");

    [Theory]
    [InlineData(0, 1)]
    [InlineData(7, 1)]
    [InlineData(125, 1)]
    [InlineData(40, 10)]
    [InlineData(40_000, 10_000)]
    [InlineData(1_200_000, 100_000)]
    public void Magnitude_is_ten_to_the_trailing_zeros(long value, long magnitude) => Assert.Equal(magnitude, CountRelations.Magnitude(value));

    [Theory]
    [InlineData(12L, 12L, true)]
    [InlineData(0L, 0L, true)]
    [InlineData(12L, null, false)]
    [InlineData(null, 12L, false)]
    [InlineData(10L, 12L, false)]
    [InlineData(null, null, false)]
    public void Precise_means_one_figure(long? low, long? high, bool precise) => Assert.Equal(precise, CountRelations.IsPrecise(low, high));

    [Theory]
    [InlineData(125L, null, 125, true)]      // "at least 125" beside "125"
    [InlineData(40_000L, null, 40_005, true)] // "more than 40,000" beside "40,005"
    [InlineData(40_000L, null, 50_000, false)]
    [InlineData(125L, null, 126, false)]     // 125 is not a rounding of 126
    [InlineData(120L, null, 126, true)]      // 120 rounds 126 down
    [InlineData(125L, null, 100, false)]     // a lower bound above the figure
    [InlineData(null, 50L, 50, true)]        // "up to 50" beside "50"
    [InlineData(null, 50L, 45, false)]
    [InlineData(40L, 60L, 50, false)]        // a range is not a bound
    public void A_bound_restates_its_own_figure_or_its_rounding(long? low, long? high, long precise, bool restates) =>
        Assert.Equal(restates, CountRelations.BoundRestates(low, high, precise));

    [Theory]
    [InlineData(40_005L, 40_005L, 40_005L, 40_005L, true)]
    [InlineData(40_005L, 40_005L, 40_000L, null, true)]
    [InlineData(40_000L, null, 40_005L, 40_005L, true)]
    [InlineData(4_800_000L, 4_800_000L, 3_800_000L, null, false)]
    [InlineData(50L, 50L, null, 50L, true)]
    [InlineData(50L, 50L, 51L, 51L, false)]
    [InlineData(40L, 60L, 40L, 60L, true)]
    [InlineData(40L, 60L, 50L, 50L, false)]
    [InlineData(12L, null, 10L, null, false)]
    public void Compatible_counts_are_one_statement(long? aLow, long? aHigh, long? bLow, long? bHigh, bool compatible)
    {
        Assert.Equal(compatible, CountRelations.Compatible(C(aLow, aHigh), C(bLow, bHigh)));
        Assert.Equal(compatible, CountRelations.Compatible(C(bLow, bHigh), C(aLow, aHigh)));
    }

    [Fact]
    public void Precision_ranks_a_figure_then_a_narrow_range_then_a_bound_then_a_vague_one()
    {
        var ranked = new[]
        {
            C(40, 40), C(40, 40, approximate: true), C(40, 45), C(40, 400), C(40, null), C(null, 40), C(200, 999, approximate: true),
        }.Select(CountRelations.Precision).ToArray();
        Assert.Equal(ranked.OrderByDescending(p => p), ranked);
        Assert.True(ranked[0] > ranked[1] && ranked[1] > ranked[2] && ranked[2] > ranked[3] && ranked[3] > ranked[4] && ranked[5] > ranked[6]);
        Assert.Equal(ranked[4], ranked[5]); // a lower and an upper bound say as much
    }
}
