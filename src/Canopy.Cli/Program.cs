using System.CommandLine;
using Canopy.Cli.Commands;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Into a file or a pipe: plain text, as wide as COLUMNS says (or wide enough for every table).
    AnsiConsole.Profile.Capabilities.Ansi = false;
    AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : 160;
}

var root = new RootCommand("Canopy: air and missile defence battle management, simulation and planning");
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(BoundCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(ShieldEvalCommand.Create());
root.Subcommands.Add(FederationCommands.Shield());
root.Subcommands.Add(FederationCommands.World());
root.Subcommands.Add(FederationCommands.Node());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(TrackCommand.Create());
root.Subcommands.Add(EvalTracksCommand.Create());
root.Subcommands.Add(EvalImpactsCommand.Create());
root.Subcommands.Add(GenerateCommand.Create());
root.Subcommands.Add(AsterixCommand.Create());
root.Subcommands.Add(ListenCommand.Create());
root.Subcommands.Add(ReplayCommand.Create());
root.Subcommands.Add(CotCommand.Create());
root.Subcommands.Add(CotListenCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(AccountsCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(PlanCommand.Create());
root.Subcommands.Add(WorkerCommand.Create());
return root.Parse(args).Invoke();
