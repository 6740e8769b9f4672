namespace SafetyConsole.Data.Accountability;

/// <summary>An agency's latest agreement and each clause Policy 4311 requires, with its evidence (a reference), or none.</summary>
public sealed record AgreementRow(
    string Agency, string Name, string Kind, int Officers, DateOnly? AdoptedOn, DateOnly? ReviewDue,
    string ClauseA, string ClauseB, string ClauseC, DateOnly? TrainingPlanDue,
    DateOnly? StakeholderReviewOn, int Parents, int Students, int Community);
