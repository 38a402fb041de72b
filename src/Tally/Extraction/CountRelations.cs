using Tally.Model;

namespace Tally.Extraction;

/// <summary>How two counts of the same thing relate: the rules shared by in-document merging and the ledger.</summary>
public static class CountRelations
{
    /// <summary>10^(trailing zeros): 40,000 → 10,000; 125 → 1.</summary>
    public static long Magnitude(long v)
    {
        if (v == 0) return 1;
        long m = 1;
        while (v % 10 == 0) { v /= 10; m *= 10; }
        return m;
    }

    public static bool IsPrecise(long? low, long? high) => low is not null && low == high;

    /// <summary>
    /// A bound that is the precise figure itself or that figure rounded down: "at least 125" beside "125",
    /// "more than 40,000" beside "40,005"; "up to 50" beside "50".
    /// </summary>
    public static bool BoundRestates(long? boundLow, long? boundHigh, long precise)
    {
        if (boundLow is { } lo && boundHigh is null) return lo == precise || (precise > lo && precise - lo < Magnitude(lo));
        if (boundHigh is { } hi && boundLow is null) return hi == precise;
        return false;
    }

    /// <summary>The same statement, possibly written with less precision: equal, or a bound or rounding of the other.</summary>
    public static bool Compatible(Count a, Count b)
    {
        if (a.Low == b.Low && a.High == b.High) return true;
        if (IsPrecise(a.Low, a.High) && BoundRestates(b.Low, b.High, a.Low!.Value)) return true;
        if (IsPrecise(b.Low, b.High) && BoundRestates(a.Low, a.High, b.Low!.Value)) return true;
        return false;
    }

    /// <summary>Ranks counts by how much they say: a precise figure, then a narrower range, then a bound, then a vague one.</summary>
    public static int Precision(Count c)
    {
        if (IsPrecise(c.Low, c.High)) return c.Approximate ? 900 : 1000;
        if (c.Low is { } l && c.High is { } h) return c.Approximate ? 300 : 800 - (int)Math.Min(400, Math.Log10(Math.Max(1, h - l)) * 50);
        return 500;
    }
}
