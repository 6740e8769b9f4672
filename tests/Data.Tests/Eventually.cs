using System.Diagnostics;

namespace SafetyConsole.Data.Tests;

/// <summary>
/// Waiting for what another thread or process does (a worker's pass, a board in tmux, a feed's commit): the one
/// place tests poll. A condition is checked at once, then every <c>every</c> (50 ms unless said) until it holds or
/// the timeout passes. Time-dependent logic is never tested this way: that takes a FakeTimeProvider.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(50);

    /// <summary>True once <paramref name="condition"/> holds; false when <paramref name="timeout"/> passed first.</summary>
    public static bool Holds(Func<bool> condition, TimeSpan timeout, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) return false;
            Thread.Sleep(every ?? DefaultEvery); // another thread or process does the work: there is nothing to wait on
        }
        return true;
    }

    /// <summary>Fails the test with <paramref name="failure"/> (worked out then, so it can say what was last seen) unless <paramref name="condition"/> comes to hold.</summary>
    public static void That(Func<bool> condition, TimeSpan timeout, Func<string> failure, TimeSpan? every = null)
    {
        if (!Holds(condition, timeout, every)) Assert.Fail(failure());
    }

    /// <summary>Reads until <paramref name="done"/> holds for what was read, and returns that; fails naming <paramref name="what"/> and the last value.</summary>
    public static T Returns<T>(Func<T> read, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? every = null)
    {
        var value = default(T)!;
        That(() => done(value = read()), timeout, () => $"{what} never happened within {timeout.TotalSeconds:0} s; last seen: {value}", every);
        return value;
    }

    /// <summary>As <see cref="Holds"/>, without holding a thread (for async tests).</summary>
    public static async Task<bool> HoldsAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? every = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) return false;
            await Task.Delay(every ?? DefaultEvery);
        }
        return true;
    }
}
