using System.CommandLine;
using Canopy.Cli.Commands;

var root = new RootCommand("Canopy: air and missile defence battle management, simulation and planning");
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
return root.Parse(args).Invoke();
