namespace SafetyConsole.Data.Domain;

/// <summary>A point on the earth, degrees.</summary>
public readonly record struct GeoPoint(double Lat, double Lon);

/// <summary>district.csv: one row. Times of day are in <see cref="TimeZoneId"/> (IANA).</summary>
public sealed record District(
    string Name,
    string TimeZoneId,
    DateOnly SchoolYearStart,
    DateOnly SchoolYearEnd,
    int LeadMinutes,
    int TailMinutes,
    int ComplaintResponseDays = District.DefaultComplaintResponseDays,
    CallClass PanicAlarmClass = CallClass.Liaison)
{
    /// <summary>Days the district gives itself to respond to a family complaint unless district.csv says otherwise.</summary>
    public const int DefaultComplaintResponseDays = 30;
}

/// <summary>calendar.csv: a day that is not an ordinary school day (or ends early).</summary>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, TimeOnly? EndTime, string Note);

/// <summary>agencies.csv. Police agencies and contractors carry an annual agreement review date (R7); the latest
/// adopted agreement (agreements.csv) replaces it.</summary>
public sealed record Agency(string Code, string Name, AgencyKind Kind, DateOnly? AgreementReviewDue);

/// <summary>locations.csv. <see cref="Zone"/> is the code of the zone's high school.</summary>
public sealed record Location(
    string Code,
    string Name,
    string Kind,
    string Zone,
    string Agency,
    double Lat,
    double Lon,
    string Address,
    TimeOnly BellStart,
    TimeOnly BellEnd,
    string Notes)
{
    public GeoPoint Point => new(Lat, Lon);
}

/// <summary>officers.csv plus live state. <see cref="Post"/> is a location code, a zone code or DISTRICT.</summary>
public sealed record Officer(
    string Badge,
    string Name,
    Role Role,
    string Agency,
    string Post,
    OfficerStatus Status,
    DateTimeOffset? StatusSince = null,
    GeoPoint? LastPosition = null,
    DateTimeOffset? LastPingAt = null);

/// <summary>training.csv. Training is current when each topic's latest record has not expired. <see cref="Hours"/>
/// count toward the role's annual hours (training_requirements.csv).</summary>
public sealed record TrainingRecord(string Badge, string Topic, DateOnly CompletedOn, DateOnly ExpiresOn, double Hours = 0);

/// <summary>
/// A call type (APCO ANS 2.103 code where one exists). <see cref="Duty"/>: a scheduled duty (issue 15), kept with a
/// due date in the duties table, never a call with an R5 deadline.
/// </summary>
public sealed record CallType(string Code, string Name, CallClass Class, int DefaultPriority, bool BasisRequired, bool Refused, bool Duty = false)
{
    /// <summary>
    /// R5: the priority a call is worked at: its own (1 to 4) when it has one, else its type's default. The one definition
    /// for the feed (an empty priority), intake (the deadline), the worker's lines and a reclassification.
    /// </summary>
    public static int EffectivePriority(int? given, int typeDefault) => given is >= 1 and <= 4 ? given.Value : typeDefault;

    /// <summary><see cref="EffectivePriority"/> with this type's default.</summary>
    public int PriorityFor(int? given) => EffectivePriority(given, DefaultPriority);
}

/// <summary>
/// A district's own code for one of our call types (call_type_aliases.csv, issue 15), read as that type at ingest.
/// <see cref="BuiltIn"/>: shipped with the product (ALRPANS, ALRPANA), not the district's.
/// </summary>
public sealed record CallTypeAlias(string Alias, string Type, bool BuiltIn = false);

/// <summary>A call for service as stored.</summary>
public sealed record Call(
    long Id,
    string Source,
    string ExternalId,
    DateTimeOffset ReceivedAt,
    string Location,
    string Type,
    int Priority,
    string Description,
    string? ReporterRole,
    Basis? Basis,
    CallStatus Status,
    CallClass? Class,
    DateTimeOffset? Deadline = null,
    string? AssignedTo = null,
    DateTimeOffset? AssignedAt = null,
    string? Agency = null,
    string? Disposition = null,
    string Trace = "");
