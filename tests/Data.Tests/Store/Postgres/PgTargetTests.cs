using Npgsql;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Tests.Store.Postgres;

/// <summary>What `--db` names (issue 17): a file, or a PostgreSQL database; passwords never on the command line.</summary>
public class PgTargetTests
{
    [Theory]
    [InlineData("safety.db", false)]
    [InlineData("/var/lib/safety-console/safety.db", false)]
    [InlineData("./odd=name;file.db", false)]
    [InlineData("Host=db1;Database=safety", true)]
    [InlineData("host=db1; database=safety", true)]
    [InlineData("postgres://db1,db2/safety", true)]
    [InlineData("postgresql://alice@db1:5433/safety?sslmode=require", true)]
    public void A_path_is_SQLite_and_a_connection_string_or_URL_is_PostgreSQL(string db, bool postgres) =>
        Assert.Equal(postgres, PgTarget.IsPostgres(db));

    [Theory]
    [InlineData("Host=db1;Database=safety;Password=hunter2")]
    [InlineData("postgres://alice:hunter2@db1/safety")]
    [InlineData("postgres://alice@db1/safety?password=hunter2")]
    public void A_password_is_refused_with_one_sentence_naming_pgpass(string db)
    {
        var e = Assert.Throws<SafetyException>(() => SafetyDb.Open(db, "x"));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("~/.pgpass", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
        Assert.Single(e.Message.Split(". ", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_URL_with_several_hosts_connects_to_the_primary_of_them()
    {
        var b = new NpgsqlConnectionStringBuilder(PgTarget.ConnectionString("postgres://alice@db1:5433,db2/safety?sslmode=require&search_path=district_a"));
        Assert.Equal("db1:5433,db2", b.Host);
        Assert.Equal("safety", b.Database);
        Assert.Equal("alice", b.Username);
        Assert.Equal("primary", b.TargetSessionAttributes);
        Assert.Equal(2, b.HostRecheckSeconds); // a promoted standby is found again within 2 s of a failover
        Assert.Equal(SslMode.Require, b.SslMode);
        Assert.Equal("district_a", b.SearchPath);
        Assert.Equal("safety-console", b.ApplicationName);
    }

    [Fact]
    public void A_connection_string_without_a_database_or_with_an_unknown_URL_parameter_is_refused()
    {
        Assert.Contains("Database=NAME", Assert.Throws<SafetyException>(() => PgTarget.ConnectionString("Host=db1")).Message, StringComparison.Ordinal);
        Assert.Contains("'pool'", Assert.Throws<SafetyException>(() => PgTarget.ConnectionString("postgres://db1/safety?pool=1")).Message, StringComparison.Ordinal);
    }
}
