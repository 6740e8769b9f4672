using Dapper;
using SafetyConsole.Data.Domain;

namespace SafetyConsole.Data.Store;

/// <summary>The board's reads that no other store class makes (the rest of its snapshot comes from <see cref="Reads"/> and the district's).</summary>
public static class BoardReads
{
    /// <summary>The APCO disposition codes, in code order (the board's clear picker).</summary>
    public static IReadOnlyList<Disposition> Dispositions(SafetyDb db) =>
        db.Connection.Query<(string Code, string Name)>("SELECT code, name FROM dispositions ORDER BY code")
            .Select(d => new Disposition(d.Code, d.Name)).ToList();
}
