using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;

namespace SafetyConsole.Data.Reports;

/// <summary>
/// How close a date is: <see cref="PastDue"/> when it is before the day of the report (a training record or an
/// agreement is valid through its date, as R7 judges it), <see cref="Within30Days"/> when 0–30 days ahead (0 = today
/// is the last valid day), <see cref="Within60Days"/> when 31–60 days ahead.
/// </summary>
public enum DueState { PastDue, Within30Days, Within60Days }

/// <summary>One topic of an officer's training whose latest record has lapsed or lapses within 60 days (R7).</summary>
public sealed record TrainingDue(
    string Badge, string Name, Role Role, string Agency, string Topic, DateOnly CompletedOn, DateOnly ExpiresOn, int DaysLeft, DueState State);

/// <summary>A police agency whose annual agreement review is past due or due within 60 days (R7).</summary>
public sealed record AgreementDue(string Agency, string Name, DateOnly ReviewDue, int DaysLeft, DueState State, int Officers);

/// <summary>An officer R7 keeps out of recommendations on the report's date, with each reason.</summary>
public sealed record KeptOut(string Badge, string Name, Role Role, string Agency, IReadOnlyList<string> Reasons);

/// <summary>A family complaint open and unanswered past the district's response time (issue 16; counts and dates only, R9).</summary>
public sealed record ComplaintDue(long Id, string About, DateOnly ReceivedOn, int DaysOpen, string Status);

/// <summary>The compliance report (`safety-console compliance`) as of one district date.</summary>
public sealed record ComplianceReport(
    string District, DateOnly At, IReadOnlyList<TrainingDue> Training, IReadOnlyList<AgreementDue> Agreements, IReadOnlyList<KeptOut> KeptOut,
    IReadOnlyList<ComplaintDue>? ComplaintsOverdue = null, int ComplaintResponseDays = Domain.District.DefaultComplaintResponseDays)
{
    /// <summary>R10: late entries and replays in the event log (effective time far from the recorded time), by actor.</summary>
    public Store.LateEntrySummary LateEntries { get; init; } = new(0, []);
}

/// <summary>R7 compliance, a pure function of a <see cref="DistrictSnapshot"/> and a district date.</summary>
public static class Compliance
{
    /// <summary>How far ahead the report looks.</summary>
    public const int HorizonDays = 60;

    public const int SoonDays = 30;

    /// <param name="complaints">Family complaints (issue 16): those past the district's response time are listed.</param>
    public static ComplianceReport Compute(DistrictSnapshot snap, DateOnly at, IReadOnlyList<Complaint>? complaints = null)
    {
        ArgumentNullException.ThrowIfNull(snap);

        // The latest record of each topic (the snapshot's R7 definition) expiring before at + 61, i.e. on or before at + 60.
        var training = snap.Officers
            .SelectMany(o => snap.LapsedTraining(o.Badge, at.AddDays(HorizonDays + 1)).Where(t => !DistrictSnapshot.NeverCompleted(t)).Select(t =>
            {
                var days = t.ExpiresOn.DayNumber - at.DayNumber;
                return new TrainingDue(o.Badge, o.Name, o.Role, o.Agency, t.Topic, t.CompletedOn, t.ExpiresOn, days, StateOf(days));
            }))
            .OrderBy(t => t.ExpiresOn).ThenBy(t => t.Badge, StringComparer.Ordinal).ThenBy(t => t.Topic, StringComparer.Ordinal)
            .ToList();

        var agreements = snap.Agencies.Values
            .Where(a => a.AgreementReviewDue is { } due && due.DayNumber - at.DayNumber <= HorizonDays)
            .Select(a =>
            {
                var days = a.AgreementReviewDue!.Value.DayNumber - at.DayNumber;
                var officers = snap.Officers.Count(o => string.Equals(o.Agency, a.Code, StringComparison.Ordinal));
                return new AgreementDue(a.Code, a.Name, a.AgreementReviewDue.Value, days, StateOf(days), officers);
            })
            .OrderBy(a => a.ReviewDue).ThenBy(a => a.Agency, StringComparer.Ordinal)
            .ToList();

        // R7: the same tests the router applies (DistrictSnapshot.TrainingCurrent / AgreementCurrent); sergeants are never
        // recommended as first responders (§3), so R7 keeps nobody of theirs out of a recommendation.
        var keptOut = new List<KeptOut>();
        foreach (var o in snap.Officers.OrderBy(o => o.Badge, StringComparer.Ordinal))
        {
            if (Codes.ClassOf(o.Role) == CallClass.None) continue;
            var reasons = new List<string>(2);
            var lapsed = snap.LapsedTraining(o.Badge, at);
            if (lapsed.Count > 0)
                reasons.Add("R7: training lapsed: " + string.Join(", ", lapsed.Select(snap.DescribeLapse)));
            if (!snap.AgreementCurrent(o.Agency, at))
                reasons.Add(snap.Agencies.TryGetValue(o.Agency, out var a) && a.AgreementReviewDue is { } due
                    ? $"R7: {a.Code}'s agreement with the district was due for review {IsoDate.Text(due)}"
                    : $"R7: agency {o.Agency} is not in the district's data, so its agreement cannot be checked");
            if (reasons.Count > 0) keptOut.Add(new KeptOut(o.Badge, o.Name, o.Role, o.Agency, reasons));
        }

        var days = snap.District.ComplaintResponseDays;
        var overdue = (complaints ?? []).Where(c => c.Overdue(at, days))
            .Select(c => new ComplaintDue(c.Id, c.AboutBadge ?? c.AboutAgency ?? "", c.ReceivedOn, at.DayNumber - c.ReceivedOn.DayNumber, c.Status.Text()))
            .OrderBy(c => c.ReceivedOn).ThenBy(c => c.Id).ToList();
        return new ComplianceReport(snap.District.Name, at, training, agreements, keptOut, overdue, days);
    }

    /// <summary>The band of a date <paramref name="daysLeft"/> days from the report's date (negative: past).</summary>
    public static DueState StateOf(int daysLeft) =>
        daysLeft < 0 ? DueState.PastDue : daysLeft <= SoonDays ? DueState.Within30Days : DueState.Within60Days;

    public static string Text(this DueState s) => s switch
    {
        DueState.PastDue => "past due",
        DueState.Within30Days => "due within 30 days",
        _ => "due within 60 days",
    };
}
