using SafetyConsole.Data.Domain;
using SafetyConsole.Data.Reports;
using SafetyConsole.Data.Tests.Policy;
using static SafetyConsole.Data.Tests.Policy.TestDistrict;

namespace SafetyConsole.Data.Tests.Reports;

/// <summary>R7 compliance at the 30- and 60-day boundaries, both sides. The report's date is 2026-10-01.</summary>
public class ComplianceTests
{
    private static readonly DateOnly Today = D("2026-10-01");

    private static TestDistrict Officers() => Create()
        .Officer("CSO-1", Role.CSO, "NHS")
        .Officer("CSO-2", Role.CSO, "BHS")
        .Officer("SRO-1", Role.SRO, "NHS", agency: "TPD")
        .Officer("SGT-1", Role.SGT, "DISTRICT");

    [Fact]
    public void Training_lapsed_or_lapsing_within_60_days_by_topic_with_its_band()
    {
        var snap = Officers()
            .Training("CSO-1", "first-aid", "2024-09-30", "2026-09-30")    // -1: lapsed
            .Training("CSO-1", "de-escalation", "2024-10-01", "2026-10-01") // 0: today is its last valid day
            .Training("CSO-1", "restraint", "2024-10-31", "2026-10-31")     // 30
            .Training("CSO-1", "cpr", "2024-11-01", "2026-11-01")           // 31
            .Training("CSO-1", "firearms", "2024-11-30", "2026-11-30")      // 60
            .Training("CSO-1", "legal", "2024-12-01", "2026-12-01")         // 61: not yet
            .Training("CSO-2", "first-aid", "2024-09-01", "2026-09-01")     // superseded by a later completion
            .Training("CSO-2", "first-aid", "2026-09-15", "2027-09-15")
            .Build();

        var r = Compliance.Compute(snap, Today);

        Assert.Equal(
            [
                "CSO-1 first-aid 2026-09-30 -1 PastDue",
                "CSO-1 de-escalation 2026-10-01 0 Within30Days",
                "CSO-1 restraint 2026-10-31 30 Within30Days",
                "CSO-1 cpr 2026-11-01 31 Within60Days",
                "CSO-1 firearms 2026-11-30 60 Within60Days",
            ],
            r.Training.Select(t => $"{t.Badge} {t.Topic} {t.ExpiresOn:yyyy-MM-dd} {t.DaysLeft} {t.State}"));
        Assert.Equal(D("2024-09-30"), r.Training[0].CompletedOn);
    }

    [Theory]
    [InlineData("2026-09-30", -1, DueState.PastDue)]
    [InlineData("2026-10-01", 0, DueState.Within30Days)]
    [InlineData("2026-10-31", 30, DueState.Within30Days)]
    [InlineData("2026-11-01", 31, DueState.Within60Days)]
    [InlineData("2026-11-30", 60, DueState.Within60Days)]
    public void Agreement_review_bands(string due, int days, DueState state)
    {
        var r = Compliance.Compute(Officers().Agreement("TPD", due).Build(), Today);
        Assert.Equal(new AgreementDue("TPD", "Tacoma Police Department", D(due), days, state, Officers: 1), Assert.Single(r.Agreements));
    }

    [Fact]
    public void An_agreement_61_days_away_and_the_district_itself_are_not_listed()
    {
        var r = Compliance.Compute(Officers().Agreement("TPD", "2026-12-01").Agreement("PCSO", "2027-07-01").Build(), Today);
        Assert.Empty(r.Agreements);
    }

    [Fact]
    public void Officers_kept_out_of_recommendations_now_R7()
    {
        var snap = Officers()
            .Agreement("TPD", "2026-09-30")
            .Training("CSO-1", "first-aid", "2024-09-30", "2026-09-30")
            .Training("CSO-2", "first-aid", "2024-10-01", "2026-10-01")   // last valid day: still recommended
            .Training("SGT-1", "first-aid", "2024-09-01", "2026-09-01")   // sergeants are never recommended (§3)
            .Build();

        var r = Compliance.Compute(snap, Today);

        Assert.Equal(
            [
                "CSO-1 CSO DIST | R7: training lapsed: first-aid expired 2026-09-30",
                "SRO-1 SRO TPD | R7: TPD's agreement with the district was due for review 2026-09-30",
            ],
            r.KeptOut.Select(k => $"{k.Badge} {k.Role} {k.Agency} | {string.Join(" / ", k.Reasons)}"));
        // The same officers the router leaves out for R7 on that date.
        Assert.All(r.KeptOut, k => Assert.False(snap.TrainingCurrent(k.Badge, Today) && snap.AgreementCurrent(k.Agency, Today)));
        Assert.Contains(r.Training, t => t.Badge == "SGT-1");
    }
}
