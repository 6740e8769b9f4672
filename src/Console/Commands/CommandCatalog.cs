using System.CommandLine;

namespace SafetyConsole.Cli.Commands;

/// <summary>Every top-level command, in the order `--help` lists them. Each group lives in its own file.</summary>
public static class CommandCatalog
{
    public static IEnumerable<Command> All(CliContext ctx)
    {
        yield return BoardCommand.Build(ctx);
        yield return InitCommand.Build(ctx);
        yield return DistrictCommands.Build(ctx);
        foreach (var c in CallsCommands.Build(ctx)) yield return c;
        foreach (var c in OfficersCommands.Build(ctx)) yield return c;
        yield return OperatorsCommands.Build(ctx);
        yield return PolicyCommand.Build(ctx);
        yield return RecommendCommand.Build(ctx);
        yield return StatusCommand.Build(ctx);
        yield return ReportCommand.Build(ctx);
        yield return ComplianceCommand.Build(ctx);
        yield return CoverageCommand.Build(ctx);
        yield return SimulateCommand.Build(ctx);
        // Issue 16: the annual accountability record.
        yield return AgreementCommands.Build(ctx);
        yield return ComplaintCommands.Build(ctx);
        yield return OutreachCommands.Build(ctx);
        yield return TrainingCommands.Build(ctx);
        // Issue 15: scheduled duties.
        yield return DutyCommands.Build(ctx);
        yield return BackupCommand.Build(ctx);
        yield return DemoCommand.Build(ctx);
        foreach (var c in DispatchCommands.Build(ctx)) yield return c;
        foreach (var c in FeedCommands.Build(ctx)) yield return c;
    }
}
