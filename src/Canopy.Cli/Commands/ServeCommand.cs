using System.CommandLine;
using Canopy.Server;
using Canopy.Server.Approval;
using Canopy.Server.Api;
using Canopy.Server.Live;
using Canopy.Server.Security;
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
        var listen = new Option<string>("--listen") { Description = "IP address to listen on (a non-loopback one needs --cert)", DefaultValueFactory = _ => "127.0.0.1" };
        var cert = new Option<string?>("--cert") { Description = "Serve HTTPS with this certificate: FILE.pfx (or .p12), or a PEM file with --cert-key" };
        var certKey = new Option<string?>("--cert-key") { Description = "The PEM certificate's private key file" };
        var certPassword = new Option<string?>("--cert-password-file") { Description = "File holding the password of the .pfx file or the encrypted PEM key" };
        var accounts = new Option<string?>("--accounts") { Description = "SQLite file of the operators' accounts (default: the --db file, or .canopy/accounts.db when --db is PostgreSQL)" };
        var adminPassword = new Option<string?>("--admin-password-file") { Description = "On first start, the administrator's password from this file (else a random one is printed once)" };
        var cotIn = new Option<string?>("--cot-in") { Description = "Receive friendly units' CoT positions (XML or TAK protobuf) on udp://ADDRESS:PORT or tcp://ADDRESS:PORT: mobile fire groups (scenario key cot-uid, optionally cot-from) move in the live run; each run has its own board" };
        port.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 65535) r.AddError("--port must be between 1 and 65535"); });
        speed.Validators.Add(r => { if (r.GetValueOrDefault<double>() is not (> 0 and <= ConsoleApi.MaxSpeed)) r.AddError($"--speed must be above 0 and at most {ConsoleApi.MaxSpeed}"); });
        mode.Validators.Add(r => { if (!ApprovalModes.TryParse(r.GetValueOrDefault<string>(), out _)) r.AddError("--mode must be manual, semi or auto"); });

        var command = new Command("serve", "Run a scenario live and serve the battle manager's console on http://127.0.0.1:5080 (operators sign in)")
            { file, port, speed, mode, seed, db, accounts, listen, cert, certKey, certPassword, adminPassword, cotIn };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            var path = parse.GetValue(file)!;
            if (ScenarioFiles.LoadOrReport(path, console) is not { } scenario) return 1;
            if (!System.Net.IPAddress.TryParse(parse.GetValue(listen), out var address) || address.Equals(System.Net.IPAddress.Any)
                || address.Equals(System.Net.IPAddress.IPv6Any))
            {
                console.MarkupLine("[red]--listen needs the IP address of one interface (e.g. 127.0.0.1 or 10.1.2.3), not a name or 0.0.0.0[/]");
                return 1;
            }
            System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null;
            if (parse.GetValue(cert) is { } certFile
                && (certificate = ServerCertificate.Load(certFile, parse.GetValue(certKey), parse.GetValue(certPassword), out var certProblem)) is null)
            {
                console.MarkupLine($"[red]{Markup.Escape(certProblem!)}[/]");
                return 1;
            }
            if (!System.Net.IPAddress.IsLoopback(address) && certificate is null)
            {
                console.MarkupLine("[red]--listen on a non-loopback address needs --cert: passwords and session cookies would cross the network in clear[/]");
                return 1;
            }
            if (!CotIn.TryStart(parse.GetValue(cotIn), scenario, out var feed)) return 1;
            using var stopFeed = feed;
            ApprovalModes.TryParse(parse.GetValue(mode), out var approval);
            var web = WebConsoleFolder.FindAbove(Environment.CurrentDirectory, AppContext.BaseDirectory);
            var options = new ConsoleServerOptions(Path.GetDirectoryName(Path.GetFullPath(path))!, web, parse.GetValue(db)!, parse.GetValue(port))
            {
                Listen = address,
                Certificate = certificate,
            };
            if (parse.GetValue(accounts) is { } accountsFile) options = options with { AccountsPath = accountsFile };
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
            var admin = AdministratorBootstrap.Ensure(app.Services.GetRequiredService<IAccountStore>(), parse.GetValue(adminPassword));
            if (admin.Problem is { } adminProblem)
            {
                console.MarkupLine($"[red]{Markup.Escape(adminProblem)}[/]");
                return 1;
            }
            var runs = app.Services.GetRequiredService<RunRegistry>();
            if (feed is not null)
            {
                runs.PositionsFor = s => feed.Feed.NewBoard(s.Effectors); // each run its own board, fed by the one listener
                app.Services.GetRequiredService<LiveFeeds>().Add("cot-in", feed.Feed.Counters, () => feed.Feed.KernelDrops, () => feed.Feed.Applied);
            }
            runs.Start(scenario, parse.GetValue(seed), approval, parse.GetValue(speed), paused: false, semiAutomaticDelay: 30, feed?.Board);
            try
            {
                app.Start();
            }
            catch (IOException e)
            {
                console.MarkupLine($"[red]cannot listen on {Markup.Escape(address.ToString())}:{parse.GetValue(port)}: {Markup.Escape(e.Message)}[/] (try --port)");
                return 1;
            }
            var host = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
            var url = $"{(certificate is null ? "http" : "https")}://{host}:{parse.GetValue(port)}";
            console.MarkupLine($"Canopy console on [link]{url}[/] ({Markup.Escape(scenario.Name)}, seed {parse.GetValue(seed)}, " +
                               $"{ApprovalModes.Name(approval)}, {parse.GetValue(speed)}x); Ctrl+C to stop");
            if (admin.OneTimePassword is { } password)
                console.MarkupLine($"First start: sign in as [bold]{AdministratorBootstrap.Name}[/] with the password [bold]{password}[/] " +
                                   "(shown this once; add operators with `canopy accounts add`)");
            else if (admin.Created) console.MarkupLine($"First start: sign in as [bold]{AdministratorBootstrap.Name}[/] with the password from the file");
            if (feed is not null) console.WriteLine($"CoT in: fire units move with their position reports to {parse.GetValue(cotIn)} (bound {feed.Feed.LocalEndPoint})");
            if (web is null) console.MarkupLine("[yellow]web console not built: serving the API only (cd web && npm ci && npm run build)[/]");
            app.WaitForShutdown();
            if (feed is not null) console.WriteLine(feed.Feed.ToString());
            return 0;
        });
        return command;
    }
}
