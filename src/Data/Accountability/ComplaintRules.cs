using SafetyConsole.Data.Domain;

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
            return ($"the response date {Iso(r)} is before the complaint was received on {Iso(received)}", "fix one of the two dates");
        return null;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
