using System.Diagnostics.CodeAnalysis;

namespace SafetyConsole.Data.Domain;

/// <summary>
/// The text forms of the enums, as they appear in the database, CSV files, JSON and on screen
/// (UPPER_SNAKE for statuses and classes, lower case for bases and reporter roles).
/// One table per enum so that parsing and printing can never disagree.
/// </summary>
public static class Codes
{
    private static readonly Dictionary<CallStatus, string> CallStatusText = new()
    {
        [CallStatus.New] = "NEW", [CallStatus.Pending] = "PENDING", [CallStatus.Assigned] = "ASSIGNED",
        [CallStatus.Acknowledged] = "ACKNOWLEDGED", [CallStatus.EnRoute] = "EN_ROUTE", [CallStatus.OnScene] = "ON_SCENE",
        [CallStatus.Cleared] = "CLEARED", [CallStatus.Referred] = "REFERRED", [CallStatus.Diverted] = "DIVERTED",
        [CallStatus.Escalated] = "ESCALATED", [CallStatus.Cancelled] = "CANCELLED",
    };

    private static readonly Dictionary<OfficerStatus, string> OfficerStatusText = new()
    {
        [OfficerStatus.Available] = "AVAILABLE", [OfficerStatus.Assigned] = "ASSIGNED", [OfficerStatus.EnRoute] = "EN_ROUTE",
        [OfficerStatus.OnScene] = "ON_SCENE", [OfficerStatus.Busy] = "BUSY", [OfficerStatus.OffDuty] = "OFF_DUTY",
    };

    private static readonly Dictionary<CallClass, string> CallClassText = new()
    {
        [CallClass.None] = "NONE", [CallClass.Liaison] = "LIAISON", [CallClass.Campus] = "CAMPUS",
    };

    private static readonly Dictionary<CalendarDayKind, string> CalendarKindText = new()
    {
        [CalendarDayKind.Holiday] = "holiday", [CalendarDayKind.Break] = "break",
        [CalendarDayKind.Closure] = "closure", [CalendarDayKind.EarlyRelease] = "early_release",
    };

    private static readonly Dictionary<Basis, string> BasisText = new()
    {
        [Basis.Danger] = "danger", [Basis.Disruption] = "disruption", [Basis.Emergency] = "emergency",
    };

    private static readonly Dictionary<AgencyKind, string> AgencyKindText = new()
    {
        [AgencyKind.Police] = "police", [AgencyKind.District] = "district", [AgencyKind.Contractor] = "contractor",
    };

    private static readonly Dictionary<OperatorRole, string> OperatorRoleText = new()
    {
        [OperatorRole.Viewer] = "viewer", [OperatorRole.Service] = "service", [OperatorRole.Dispatcher] = "dispatcher", [OperatorRole.Supervisor] = "supervisor",
    };

    /// <summary>Reporter roles of DESIGN §2, as written in feeds.</summary>
    public static readonly IReadOnlyList<string> ReporterRoles =
        ["teacher", "administrator", "staff", "student", "parent", "public", "911", "tipline"];

    /// <summary>The zone-or-district post meaning "anywhere in the district".</summary>
    public const string DistrictPost = "DISTRICT";

    public static string Text(this CallStatus s) => CallStatusText[s];
    public static string Text(this OfficerStatus s) => OfficerStatusText[s];
    public static string Text(this CallClass c) => CallClassText[c];

    /// <summary>
    /// A call's class as stored and shown: LIAISON, CAMPUS, NONE (routine discipline, R2), or UNCLASSIFIED when intake
    /// has not classified it yet (null: a NEW call, or one closed by hand before intake). Kept apart from NONE so that
    /// "not decided" never reads as "decided: discipline" (issue 13).
    /// </summary>
    public static string Text(this CallClass? c) => c is { } x ? CallClassText[x] : Unclassified;

    /// <summary>The stored class of a call intake has not classified yet.</summary>
    public const string Unclassified = "UNCLASSIFIED";
    public static string Text(this CalendarDayKind k) => CalendarKindText[k];
    public static string Text(this Basis b) => BasisText[b];
    public static string Text(this AgencyKind k) => AgencyKindText[k];
    public static string Text(this OperatorRole r) => OperatorRoleText[r];

    /// <summary>"a viewer", "a dispatcher", "the service account": the role in a sentence.</summary>
    public static string InSentence(this OperatorRole r) => r == OperatorRole.Service ? "the service account" : $"a {r.Text()}";
    public static string Text(this Role r) => r.ToString();

    public static bool TryParseCallStatus(string? s, out CallStatus value) => TryParse(CallStatusText, s, out value);
    public static bool TryParseOfficerStatus(string? s, out OfficerStatus value) => TryParse(OfficerStatusText, s, out value);
    public static bool TryParseCallClass(string? s, out CallClass value) => TryParse(CallClassText, s, out value);
    public static bool TryParseCalendarKind(string? s, out CalendarDayKind value) => TryParse(CalendarKindText, s, out value);
    public static bool TryParseBasis(string? s, out Basis value) => TryParse(BasisText, s, out value);
    public static bool TryParseAgencyKind(string? s, out AgencyKind value) => TryParse(AgencyKindText, s, out value);
    public static bool TryParseOperatorRole(string? s, out OperatorRole value) => TryParse(OperatorRoleText, s, out value);
    public static bool TryParseRole(string? s, out Role value) =>
        Enum.TryParse(s?.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(s, out _);

    public static CallStatus ParseCallStatus(string s) => Parse<CallStatus>(CallStatusText, s);
    public static OfficerStatus ParseOfficerStatus(string s) => Parse<OfficerStatus>(OfficerStatusText, s);
    public static CallClass ParseCallClass(string s) => Parse<CallClass>(CallClassText, s);
    public static CalendarDayKind ParseCalendarKind(string s) => Parse<CalendarDayKind>(CalendarKindText, s);
    public static Basis ParseBasis(string s) => Parse<Basis>(BasisText, s);
    public static AgencyKind ParseAgencyKind(string s) => Parse<AgencyKind>(AgencyKindText, s);
    public static OperatorRole ParseOperatorRole(string s) => Parse<OperatorRole>(OperatorRoleText, s);
    public static Role ParseRole(string s) => TryParseRole(s, out var r) ? r : throw new FormatException($"'{s}' is not a role (SLO, SRO, SSO, CSO, CSS, SGT).");

    /// <summary>The words accepted for an enum, for error messages: "AVAILABLE, ASSIGNED, …".</summary>
    public static string AllOfficerStatuses => string.Join(", ", OfficerStatusText.Values);
    public static string AllBases => string.Join(", ", BasisText.Values);
    public static string AllOperatorRoles => string.Join(", ", OperatorRoleText.Values);

    /// <summary>The class of first responder a role belongs to (DESIGN §2 table).</summary>
    public static CallClass ClassOf(Role role) => role switch
    {
        Role.SLO or Role.SRO or Role.SSO => CallClass.Liaison,
        Role.CSO or Role.CSS => CallClass.Campus,
        _ => CallClass.None,
    };

    public static bool IsSworn(Role role) => role is Role.SLO or Role.SRO or Role.SSO or Role.SGT;

    /// <summary>Roles posted at one location (CSO, SRO); the others are posted at a zone or DISTRICT.</summary>
    public static bool IsPostedAtLocation(Role role) => role is Role.CSO or Role.SRO;

    private static bool TryParse<T>(Dictionary<T, string> table, string? s, out T value) where T : struct, Enum
    {
        if (s is not null)
        {
            var t = s.Trim();
            foreach (var (k, v) in table)
            {
                if (string.Equals(v, t, StringComparison.OrdinalIgnoreCase)) { value = k; return true; }
            }
        }
        value = default;
        return false;
    }

    private static T Parse<T>(Dictionary<T, string> table, string s) where T : struct, Enum =>
        TryParse(table, s, out var v) ? v
            : throw new FormatException($"'{s}' is not one of {string.Join(", ", table.Values)}.");
}
