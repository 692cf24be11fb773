using System.CommandLine;
using System.Globalization;
using System.Net;
using Canopy.Interop.Cot;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// `canopy cot-listen SCENARIO --on udp://127.0.0.1:6969`: receives CoT (XML or TAK protobuf, UDP or TCP) and prints how
/// the friendly units' reports move the scenario's fire units; bad messages are reported with their byte offset and skipped.
/// </summary>
internal static class CotListenCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (YAML) whose fire units the reports move" };
        var on = new Option<string>("--on") { Description = "Local endpoint: udp://ADDRESS:PORT or tcp://ADDRESS:PORT", Required = true };
        var count = new Option<int>("--count") { Description = "Stop after this many messages (0: never)", DefaultValueFactory = _ => 0 };
        var seconds = new Option<double>("--seconds") { Description = "Stop after this many seconds (0: never)", DefaultValueFactory = _ => 0 };
        var command = new Command("cot-listen", "Receive friendly units' CoT positions and move the scenario's fire units") { file, on, count, seconds };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (CotEndpoint.TryParse(parse.GetValue(on)!, out var endpointError) is not { } endpoint)
                return Fail(console, $"--on: {endpointError}");
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            var board = new EffectorPositionBoard(scenario.Effectors);
            using var stop = parse.GetValue(seconds) > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(parse.GetValue(seconds))) : new CancellationTokenSource();
            try
            {
                return Listen(console, endpoint, board, parse.GetValue(count), stop.Token).GetAwaiter().GetResult();
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                return Fail(console, $"{endpoint}: {ex.Message}");
            }
        });
        return command;
    }

    private static async Task<int> Listen(IAnsiConsole console, CotEndpoint endpoint, EffectorPositionBoard board, int count, CancellationToken stop)
    {
        using var udp = endpoint.Transport == CotTransport.Udp ? new UdpCotListener(endpoint.EndPoint) : null;
        using var tcp = endpoint.Transport == CotTransport.Tcp ? new TcpCotListener(endpoint.EndPoint) : null;
        IPEndPoint local = udp?.LocalEndPoint ?? tcp!.LocalEndPoint;
        console.WriteLine($"listening on {endpoint.Transport.ToString().ToLowerInvariant()}://{local}");
        var received = 0;
        await foreach (var item in udp is not null ? udp.ReadAllAsync(stop) : tcp!.ReadAllAsync(stop))
        {
            console.WriteLine(Describe(item, board));
            if (++received == count) break;
        }
        return 0;
    }

    /// <summary>One line for a received message: the unit it moved, why it moved none, or what was wrong with it. Never throws.</summary>
    internal static string Describe(CotInbound item, EffectorPositionBoard board)
    {
        if (item.Error is { } error) return $"bad message: {Printable(error.ToString())}";
        if (item.Update is not { } update) return $"ignored {Printable(item.Event!.Type)} {Printable(item.Event.Uid)}";
        var verdict = board.Apply(update, out var moved);
        return verdict == PositionVerdict.Moved
            ? string.Create(CultureInfo.InvariantCulture, $"{moved!.Id} moved to {moved.Position.LatitudeDeg:F5}, {moved.Position.LongitudeDeg:F5} ({Printable(update.Uid)})")
            : $"ignored {Printable(update.Type)} {Printable(update.Uid)}: {verdict switch
            {
                PositionVerdict.NotMobile => "no mobile unit has this cot-uid",
                PositionVerdict.RejectedBySource => $"not from the unit's cot-from addresses ({update.Source})",
                PositionVerdict.RejectedByTime => "dated in the future or before the unit's last report",
                _ => "a move the unit cannot make (too far for the time, or an impossible height)",
            }}";
    }

    /// <summary>Received text as it may be printed: control characters as '?', at most 200 characters.</summary>
    private static string Printable(string text)
    {
        var s = text.Length > 200 ? text[..200] + "..." : text;
        return string.Create(s.Length, s, static (span, src) =>
        {
            for (var i = 0; i < src.Length; i++) span[i] = char.IsControl(src[i]) ? '?' : src[i];
        });
    }

    private static int Fail(IAnsiConsole console, string message)
    {
        console.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        return 1;
    }
}
