using System.CommandLine;
using Canopy.Server;
using Canopy.Server.Approval;
using Canopy.Server.Api;
using Canopy.Server.Live;
using Canopy.Server.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Canopy.Cli.Commands;

internal static class ServeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file to run live (its folder is the scenario picker's list)", DefaultValueFactory = _ => "scenarios/quiet-night.yaml" };
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1", DefaultValueFactory = _ => 5080 };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per wall second (1, 10, 60, ...)", DefaultValueFactory = _ => 1 };
        var mode = new Option<string>("--mode") { Description = "Engagement approval: manual, semi or auto", DefaultValueFactory = _ => "manual" };
        var seed = new Option<int>("--seed") { Description = "Random seed of the live run", DefaultValueFactory = _ => 7 };
        var db = new Option<string>("--db") { Description = "The record (decisions, audit journal, runs): a SQLite file, or postgres://user@host:port/database for a shared deployment", DefaultValueFactory = _ => ".canopy/decisions.db" };
        var cotIn = new Option<string?>("--cot-in") { Description = "Receive friendly units' CoT positions (XML or TAK protobuf) on udp://ADDRESS:PORT or tcp://ADDRESS:PORT: mobile fire groups move in the live run (matched by cot-uid, or uid/callsign = effector id)" };
        port.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 65535) r.AddError("--port must be between 1 and 65535"); });
        speed.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not (> 0 and <= ConsoleApi.MaxSpeed)) r.AddError($"--speed must be above 0 and at most {ConsoleApi.MaxSpeed}"); });
        mode.Validators.Add(r => { if (!ApprovalModes.TryParse(r.GetValueOrDefault<string>(), out _)) r.AddError("--mode must be manual, semi or auto"); });

        var command = new Command("serve", "Run a scenario live and serve the battle manager's console on http://127.0.0.1:5080") { file, port, speed, mode, seed, db, cotIn };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            var path = parse.GetValue(file)!;
            if (ScenarioFiles.LoadOrReport(path, console) is not { } scenario) return 1;
            if (!CotIn.TryStart(parse.GetValue(cotIn), scenario, out var feed)) return 1;
            using var stopFeed = feed;
            ApprovalModes.TryParse(parse.GetValue(mode), out var approval);
            var web = WebConsoleFolder.FindAbove(Environment.CurrentDirectory, AppContext.BaseDirectory);
            var options = new ConsoleServerOptions(Path.GetDirectoryName(Path.GetFullPath(path))!, web, parse.GetValue(db)!, parse.GetValue(port));
            WebApplication app;
            try
            {
                app = ConsoleServer.Build(options);
            }
            catch (RecordStoreException e)
            {
                console.MarkupLine($"[red]serve: {Markup.Escape(e.Message)}[/]");
                console.WriteLine("No run starts without a record it can write: give --db a writable file or a PostgreSQL URL.");
                return 1;
            }
            var runs = app.Services.GetRequiredService<RunRegistry>();
            runs.Positions = feed?.Board; // runs started later from the console follow the same reports
            runs.Start(scenario, parse.GetValue(seed), approval, parse.GetValue(speed), paused: false, semiAutomaticDelay: 30);
            try
            {
                app.Start();
            }
            catch (IOException e)
            {
                console.MarkupLine($"[red]cannot listen on 127.0.0.1:{parse.GetValue(port)}: {Markup.Escape(e.Message)}[/] (try --port)");
                return 1;
            }
            console.MarkupLine($"Canopy console on [link]http://127.0.0.1:{parse.GetValue(port)}[/] ({Markup.Escape(scenario.Name)}, seed {parse.GetValue(seed)}, " +
                               $"{ApprovalModes.Name(approval)}, {parse.GetValue(speed)}x); Ctrl+C to stop");
            if (feed is not null) console.WriteLine($"CoT in: fire units move with their position reports to {parse.GetValue(cotIn)} (bound {feed.Feed.LocalEndPoint})");
            if (web is null) console.MarkupLine("[yellow]web console not built: serving the API only (cd web && npm ci && npm run build)[/]");
            app.WaitForShutdown();
            if (feed is not null) console.WriteLine(feed.Feed.ToString());
            return 0;
        });
        return command;
    }
}
