namespace SafetyConsole.Data.Domain;

/// <summary>Which class of staff may respond first to a call (R1). NONE is discipline (R2).</summary>
public enum CallClass { None, Liaison, Campus }

/// <summary>Call statuses of DESIGN §2. The last four are side exits.</summary>
public enum CallStatus
{
    New, Pending, Assigned, Acknowledged, EnRoute, OnScene, Cleared,
    Referred, Diverted, Escalated, Cancelled,
}

/// <summary>Officer statuses of DESIGN §2.</summary>
public enum OfficerStatus { Available, Assigned, EnRoute, OnScene, Busy, OffDuty }

/// <summary>Officer roles of DESIGN §2.</summary>
public enum Role { SLO, SRO, SSO, CSO, CSS, SGT }

/// <summary>The stated basis of a request for intervention (R3).</summary>
public enum Basis { Danger, Disruption, Emergency }

public enum CalendarDayKind { Holiday, Break, Closure, EarlyRelease }

/// <summary>Police agencies, the district itself, and security guard companies on contract (Policy 4311).</summary>
public enum AgencyKind { Police, District, Contractor }

/// <summary>
/// Operator roles (R10), in order of what a person may do. <see cref="Service"/> is the account the worker runs as
/// (it starts the worker and may load feeds; at the board or the command line it is no more than a viewer).
/// </summary>
public enum OperatorRole { Viewer, Service, Dispatcher, Supervisor }
