using System.CommandLine;
using System.Globalization;
using Canopy.Core.Defence;
using Canopy.Interop.Cot;
using Canopy.Simulation.Running;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// `canopy cot SCENARIO --to udp://127.0.0.1:6969`: simulates the scenario up to a time and sends its air picture
/// (tracks, threats, engagement cues) as Cursor on Target, XML or TAK protobuf, over UDP or a TCP stream. Deployments
/// send to the TAK multicast group udp://239.2.3.1:6969; tests and demos to 127.0.0.1.
/// </summary>
internal static class CotCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (YAML)" };
        var to = new Option<string>("--to") { Description = $"Where to send: udp://ADDRESS:PORT or tcp://ADDRESS:PORT (TAK deployments: {CotEndpoint.TakMulticast})", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var at = new Option<string?>("--at") { Description = "Time of the picture sent (seconds or e.g. '5 min'; default the end of the run)" };
        var protobuf = new Option<bool>("--protobuf") { Description = "Send TAK protocol (protobuf) instead of CoT XML" };
        var epoch = new Option<string?>("--epoch") { Description = "UTC date and time of simulation time 0 (default the scenario's start time)" };
        var command = new Command("cot", "Send a scenario's air picture as Cursor on Target to a TAK endpoint") { file, to, seed, at, protobuf, epoch };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (CotEndpoint.TryParse(parse.GetValue(to)!, out var endpointError) is not { } endpoint)
                return Fail(console, $"--to: {endpointError}");
            if (!PictureObserver.TryParseTime(parse.GetValue(at), out var time, out var atError)) return Fail(console, atError!);
            DateTime? start = null;
            if (parse.GetValue(epoch) is { } epochText)
            {
                if (!DateTime.TryParse(epochText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
                    return Fail(console, $"--epoch: '{epochText}' is not a date and time (e.g. 2026-01-01T00:00:00Z)");
                start = parsed;
            }
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;

            var observer = new IdentifiedPictureObserver(scenario, time);
            new SimulationRunner(observer.CreatePipeline).Run(scenario, parse.GetValue(seed), default, observer);
            if (observer.Picture.Recorder.Picture is not { } picture) return Fail(console, "the run produced no picture");

            var longestRevisit = scenario.Sensors.OfType<RadarSpec>().Select(r => r.RevisitPeriod.Seconds).DefaultIfEmpty(5).Max();
            var options = new CotOptions(start ?? scenario.StartTime.UtcDateTime, CotOptions.StaleAfterRevisits(longestRevisit));
            var events = new List<CotEvent>();
            new CotPictureEncoder(picture.Layout.Frame, options)
                .Encode(picture.Time, picture.Tracks, picture.Threats, picture.Assignments, observer.Identities, events);
            var encoding = parse.GetValue(protobuf) ? CotEncoding.TakProtobuf : CotEncoding.Xml;
            try
            {
                using var sender = CotSenders.Open(endpoint, encoding);
                foreach (var e in events) sender.Send(e);
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or TimeoutException)
            {
                return Fail(console, $"{endpoint}: {ex.Message}");
            }
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sent {events.Count} CoT events ({encoding}) of the picture at {picture.Time:0.#} s to {endpoint}: {TypeCounts(events)}"));
            return 0;
        });
        return command;
    }

    /// <summary>How many events of each type, e.g. "3 a-h-A-M-F-Q, 1 a-n-A-C-F".</summary>
    public static string TypeCounts(IEnumerable<CotEvent> events) =>
        string.Join(", ", events.GroupBy(e => e.Type).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));

    private static int Fail(IAnsiConsole console, string message)
    {
        console.MarkupLine($"[red]{Markup.Escape(message)}[/]");
        return 1;
    }
}

/// <summary>
/// `canopy cot`'s view of a run: the picture at the chosen time (or the end) and what the pipeline's identity stage
/// (ADS-B, IFF) named each confirmed track at that moment, so civil and friendly aircraft go out typed as such.
/// </summary>
internal sealed class IdentifiedPictureObserver(Canopy.Scenarios.Model.Scenario scenario, double? at) : IRunObserver
{
    private readonly Dictionary<int, Canopy.ThreatEvaluation.AirIdentity> _identities = [];
    private Canopy.Pipeline.DefencePipeline? _pipeline;

    public PictureObserver Picture { get; } = new(scenario, at);

    /// <summary>The identities at the time of <see cref="Picture"/>; tracks absent are unknown.</summary>
    public IReadOnlyDictionary<int, Canopy.ThreatEvaluation.AirIdentity> Identities => _identities;

    /// <summary>The runner's pipeline factory: the default pipeline, kept so that its identity stage can be asked.</summary>
    public Canopy.Pipeline.DefencePipeline CreatePipeline(DefenceLayout layout) => _pipeline = Canopy.Pipeline.DefaultPipeline.Create(layout);

    public void OnTick(double time, Canopy.World.SimulatedWorld world, ReadOnlySpan<Canopy.Core.Sensing.Plot> plots, Canopy.Pipeline.PipelineStep step)
    {
        Picture.OnTick(time, world, plots, step);
        if (at is { } limit && time > limit) return;
        CotOut.Identify(_pipeline?.Identity, time, step.Tracks, _identities);
    }
}
