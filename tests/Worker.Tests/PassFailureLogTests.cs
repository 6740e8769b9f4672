using Npgsql;

namespace SafetyConsole.Worker.Tests;

/// <summary>Issue 17: the worker's log line for a failed pass says when the cause is a lost database connection.</summary>
public class PassFailureLogTests
{
    [Fact]
    public void A_lost_connection_is_named_as_such_with_what_the_worker_does_next()
    {
        var lost = new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"));
        var line = EnforcementService.Describe(lost);
        Assert.Equal("the connection to the database was lost (Exception while reading from stream); opening a new one and trying again at the next pass", line);
    }

    [Fact]
    public void Any_other_failure_is_logged_in_its_own_words_on_one_line()
    {
        Assert.Equal("disk I/O error on line 2", EnforcementService.Describe(new InvalidOperationException("disk I/O error\non line 2")));
    }
}
