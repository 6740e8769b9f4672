using Dapper;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store.Postgres;

/// <summary>
/// Who is waiting for a lock, asked of the server (pg_locks): the write-lock tests hold a transaction open on purpose and
/// wait here until another one queues behind it, so nothing depends on timing.
/// </summary>
internal static class PgLockWaits
{
    /// <summary>
    /// Waits until <paramref name="waiters"/> lock requests matching <paramref name="which"/> (over pg_locks as
    /// <c>l</c>) wait in <paramref name="watcher"/>'s database; fails if <paramref name="task"/> ends first (with its
    /// error, if it failed) or nothing waits within 10 s.
    /// </summary>
    public static void Until(SafetyDb watcher, Task task, string which, string what, int waiters = 1) =>
        Eventually.That(() =>
        {
            if (task.IsCompleted)
            {
                task.GetAwaiter().GetResult(); // its error, if it failed instead of waiting
                Assert.Fail($"it went ahead instead of waiting for {what}");
            }
            return watcher.Connection.ExecuteScalar<long>(
                $"SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE {which} AND NOT l.granted AND a.datname = current_database()") >= waiters;
        }, TimeSpan.FromSeconds(10), () => $"it never waited for {what}", every: TimeSpan.FromMilliseconds(5));
}
