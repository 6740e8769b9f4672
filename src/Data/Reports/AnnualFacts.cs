using SafetyConsole.Data.Accountability;
using SafetyConsole.Data.Districts;
using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Policy;
using SafetyConsole.Data.Store;

namespace SafetyConsole.Data.Reports;

/// <summary>Loads what `compliance annual` needs from the store and computes the record as of <paramref name="at"/>.</summary>
public static class AnnualFacts
{
    /// <summary>
    /// The record of <paramref name="year"/> as of today (district date) while the year runs, as of its last day once it
    /// is over, as of its first day before it starts. Law-enforcement activity covers the year up to that date.
    /// </summary>
    public static AnnualReport Load(SafetyDb db, SchoolYear year, DateTimeOffset at, PolicySettings? settings = null)
    {
        var snap = SnapshotLoader.Load(db, at);
        var today = snap.LocalDate(at);
        var asOf = today < year.From ? year.From : today > year.To ? year.To : today;
        var period = new ReportPeriod(year.From, asOf, $"school year {year.Label} to {IsoDate.Text(asOf)}");
        var start = period.Start(snap);
        var end = period.End(snap);
        var activity = ActivityReports.Compute(snap, period, ReportGrouping.Month, ReportFacts.Calls(db, start, end), ReportFacts.Overrides(db, start, end),
            ReportFacts.DispositionNames(db), at, settings);
        return AnnualReports.Compute(snap, year, asOf, at, AccountabilityReads.Agreements(db), AccountabilityReads.Outreach(db),
            AccountabilityReads.Complaints(db), AccountabilityReads.Topics(db), AccountabilityReads.Requirements(db), activity);
    }
}
