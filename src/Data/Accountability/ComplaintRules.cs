using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Accountability;

/// <summary>
/// What a complaint's state must satisfy, shared by complaints.csv and `complaint add|update` (Policy 4311 clause A:
/// complaints are investigated and answered): a resolved complaint has a finding, a finding belongs to a resolved
/// complaint, and a response is not dated before the complaint was received.
/// </summary>
public static class ComplaintRules
{
    public static (string Reason, string Fix)? Check(ComplaintStatus status, ComplaintFinding? finding, DateOnly received, DateOnly? responded)
    {
        if (status == ComplaintStatus.Resolved && finding is null)
            return ("a resolved complaint has no finding", $"give its finding ({AccountabilityCodes.Words<ComplaintFinding>()})");
        if (status != ComplaintStatus.Resolved && finding is not null)
            return ($"the complaint has a finding but is {status.Text()}", "mark it resolved, or leave the finding empty until it is");
        if (responded is { } r && r < received)
            return ($"the response date {IsoDate.Text(r)} is before the complaint was received on {IsoDate.Text(received)}", "fix one of the two dates");
        return null;
    }

    /// <summary>
    /// For `status`: how many complaints are past the district's response time on the district date of <paramref name="at"/>,
    /// or null when <paramref name="account"/> is not a supervisor (they are shown to supervisors only). Plain reads
    /// (SqlRead): `status` starts without Dapper.
    /// </summary>
    public static int? OverdueForSupervisor(SafetyDb db, string account, DateTimeOffset at)
    {
        var c = db.Connection;
        if (SqlRead.Text(c, "SELECT role FROM operators WHERE account = @a", null, ("@a", account)) != "supervisor") return null;
        var days = (int)(SqlRead.Long(c, "SELECT coalesce(max(complaint_response_days), 30) FROM district"));
        var today = TimeText.LocalDate(at, db.DistrictZone());
        return SqlRead.Rows(c, "SELECT status, received_on, responded_on FROM complaints WHERE status <> 'resolved' AND responded_on IS NULL",
                r => Tuple.Create(Complaint.IsOverdue(AccountabilityCodes.Parse<ComplaintStatus>(r.GetString(0)), TimeText.DateFromDb(r.GetString(1)),
                    r.IsDBNull(2) ? null : TimeText.DateFromDb(r.GetString(2)), today, days)))
            .Count(x => x.Item1);
    }
}
