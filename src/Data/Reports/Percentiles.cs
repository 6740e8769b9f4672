namespace SafetyConsole.Data.Reports;

/// <summary>
/// Nearest-rank percentiles: the p-th percentile of n values sorted ascending is the value at 1-based rank
/// ⌈p/100 × n⌉ (at least 1). It is always an observed value, never an interpolation. The median is the 50th
/// percentile by the same rule, so with an even count it is the lower of the two middle values
/// (n = 2 → rank 1, n = 4 → rank 2). No values → null (shown as "—"). Ties need no rule: equal values are equal.
/// </summary>
public static class Percentiles
{
    /// <summary>The 1-based nearest rank of percentile <paramref name="percent"/> (1–100) among <paramref name="count"/> values.</summary>
    public static int NearestRank(int percent, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return Math.Max(1, (int)((percent * (long)count + 99) / 100));
    }

    /// <summary>The nearest-rank percentile of values sorted ascending, or null when there are none.</summary>
    public static TimeSpan? Of(IReadOnlyList<TimeSpan> sortedAscending, int percent) =>
        sortedAscending.Count == 0 ? null : sortedAscending[NearestRank(percent, sortedAscending.Count) - 1];
}

/// <summary>Median and 90th percentile (nearest rank, <see cref="Percentiles"/>) of a set of durations; null when Count is 0.</summary>
public sealed record DurationStats(int Count, TimeSpan? Median, TimeSpan? P90)
{
    public static DurationStats Of(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToArray();
        return new DurationStats(sorted.Length, Percentiles.Of(sorted, 50), Percentiles.Of(sorted, 90));
    }
}
