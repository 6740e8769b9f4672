using Dapper;
using System.Data.Common;
using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Districts;

/// <summary>
/// The optional files of issue 16, upserted by key in the import's one transaction, only those the folder had:
/// topics by code, requirements by role, agreements by agency and adoption date, outreach by kind, location and date,
/// complaints by the district's own reference (ref). Nothing is deleted.
/// </summary>
public static partial class DistrictWriter
{
    private static List<FileCounts> WriteAccountability(DbConnection c, DbTransaction tx, AccountabilityData data)
    {
        var counts = new List<FileCounts>();
        bool Has(string file) => data.Present.Contains(file);

        if (Has(DistrictFiles.TrainingTopics))
            counts.Add(Upsert(DistrictFiles.TrainingTopics, data.Topics, AccountabilityReads.Topics(c, tx), x => x.Code, (a, b) => a.Equals(b),
                x => c.Execute("""
                    INSERT INTO training_topics(code, name, source, required_for) VALUES (@Code, @Name, @Source, @RequiredFor)
                    ON CONFLICT(code) DO UPDATE SET name = excluded.name, source = excluded.source, required_for = excluded.required_for
                    """, new { x.Code, x.Name, x.Source, RequiredFor = string.Join(' ', x.RequiredFor.Select(r => r.Text())) }, tx)));

        if (Has(DistrictFiles.TrainingRequirements))
            counts.Add(Upsert(DistrictFiles.TrainingRequirements, data.Requirements, AccountabilityReads.Requirements(c, tx), x => x.Role, (a, b) => a == b,
                x => c.Execute("""
                    INSERT INTO training_requirements(role, annual_hours, source) VALUES (@Role, @AnnualHours, @Source)
                    ON CONFLICT(role) DO UPDATE SET annual_hours = excluded.annual_hours, source = excluded.source
                    """, new { Role = x.Role.Text(), x.AnnualHours, x.Source }, tx)));

        if (Has(DistrictFiles.Agreements))
            counts.Add(Upsert(DistrictFiles.Agreements, data.Agreements, AccountabilityReads.Agreements(c, tx), x => (x.Agency, x.AdoptedOn), (a, b) => a == b,
                x => AccountabilityWrites.UpsertAgreement(c, tx, x)));

        if (Has(DistrictFiles.Outreach))
            counts.Add(Upsert(DistrictFiles.Outreach, data.Outreach, AccountabilityReads.Outreach(c, tx), x => (x.Kind, x.Location, x.HeldOn), (a, b) => a == b,
                x => AccountabilityWrites.UpsertOutreach(c, tx, x)));

        if (Has(DistrictFiles.Complaints))
            counts.Add(Upsert(DistrictFiles.Complaints, data.Complaints, AccountabilityReads.Complaints(c, tx).Where(x => x.Ref is not null), x => x.Ref!,
                (a, b) => a with { Id = 0, CallId = null } == b with { Id = 0, CallId = null },
                x => AccountabilityWrites.UpsertComplaint(c, tx, x)));

        return counts;
    }
}
