using System.CommandLine;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Canopy.Core.Defence;
using Canopy.Interop.Cot;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Cli.Commands;

/// <summary>
/// The `--cot-out ENDPOINT [--cot-protobuf]` options of `listen` and `replay`: after every pipeline step, the picture (confirmed tracks typed by the
/// identity stage, threats, engagement cues) goes out as CoT, one picture per step. A sender error is reported once on
/// stderr and counted; the sender is reopened at most every <see cref="RetryAfterMs"/> ms, and the events of the steps
/// in between count as not sent. The first connection is made before the first picture; reconnections run in the
/// background, so that a TAK server that has stopped answering never holds the pipeline for its connect timeout.
/// </summary>
internal sealed class CotOut : IDisposable
{
    /// <summary>Milliseconds between attempts to reopen a sender that failed (e.g. a TAK server refusing the connection).</summary>
    public const long RetryAfterMs = 5000;

    private readonly CotEndpoint _endpoint;
    private readonly CotEncoding _encoding;
    private readonly CotPictureEncoder _encoder;
    private readonly List<CotEvent> _events = [];
    private readonly Dictionary<int, AirIdentity> _identities = [];
    private ICotSender? _sender;
    private Task<ICotSender>? _reopening;
    private bool _opened;
    private long _retryAt;

    private CotOut(CotEndpoint endpoint, CotEncoding encoding, CotPictureEncoder encoder)
    {
        _endpoint = endpoint;
        _encoding = encoding;
        _encoder = encoder;
    }

    /// <summary>The two options, for a command to add.</summary>
    public static (Option<string?> Endpoint, Option<bool> Protobuf) CreateOptions() => (
        new Option<string?>("--cot-out") { Description = $"After every pipeline step, send the picture (confirmed tracks, threats, engagement cues) as CoT to udp://ADDRESS:PORT or tcp://ADDRESS:PORT (TAK deployments: {CotEndpoint.TakMulticast})" },
        new Option<bool>("--cot-protobuf") { Description = "Send --cot-out as TAK protocol (protobuf) instead of CoT XML" });

    public long Pictures { get; private set; }
    public long Sent { get; private set; }
    public long NotSent { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>
    /// Parses the endpoint (null: no CoT out); false (with the reason on stderr) when it is malformed. Event times are
    /// pipeline time after the scenario's start time of day today (yesterday if that is still to come), so TAK clients
    /// do not drop them as stale; stale after three revisits of the slowest radar.
    /// </summary>
    public static bool TryCreate(ParseResult parse, (Option<string?> Endpoint, Option<bool> Protobuf) options, Scenario scenario, out CotOut? cotOut)
    {
        cotOut = null;
        var endpoint = parse.GetValue(options.Endpoint);
        if (endpoint is null) return true;
        if (CotEndpoint.TryParse(endpoint, out var error) is not { } parsed)
        {
            Console.Error.WriteLine($"--cot-out: {error}");
            return false;
        }
        var now = DateTime.UtcNow;
        var epoch = now.Date + scenario.StartTime.UtcDateTime.TimeOfDay;
        if (epoch > now) epoch = epoch.AddDays(-1);
        var longestRevisit = scenario.Sensors.OfType<RadarSpec>().Select(r => r.RevisitPeriod.Seconds).DefaultIfEmpty(5).Max();
        var cotOptions = new CotOptions(epoch, CotOptions.StaleAfterRevisits(longestRevisit));
        cotOut = new CotOut(parsed, parse.GetValue(options.Protobuf) ? CotEncoding.TakProtobuf : CotEncoding.Xml,
            new CotPictureEncoder(new Canopy.Core.Geodesy.LocalFrame(scenario.Region.Centre), cotOptions));
        return true;
    }

    /// <summary>What <paramref name="identity"/> names each confirmed track at <paramref name="time"/>; unknown tracks are left out.</summary>
    public static void Identify(IIdentityCorrelator? identity, double time, IReadOnlyList<Track> tracks, Dictionary<int, AirIdentity> output)
    {
        output.Clear();
        if (identity is null) return;
        foreach (var track in tracks)
            if (track.Status == TrackStatus.Confirmed && identity.Identify(track, time) is var id and not AirIdentity.Unknown)
                output[track.Id] = id;
    }

    /// <summary>Sends the step's picture, the tracks typed by what <paramref name="identity"/> names them.</summary>
    public void Send(PipelineStep step, IIdentityCorrelator? identity)
    {
        Identify(identity, step.Time, step.Tracks, _identities);
        _events.Clear();
        _encoder.Encode(step.Time, step.Tracks, step.Threats, step.Assignments, _identities, _events);
        Pictures++;
        if (_events.Count == 0) return;
        var sent = 0;
        try
        {
            _sender ??= Connect();
            if (_sender is null)
            {
                NotSent += _events.Count;
                return;
            }
            for (; sent < _events.Count; sent++) _sender.Send(_events[sent]);
        }
        catch (Exception e) when (IsSenderError(e))
        {
            NotSent += _events.Count - sent;
            Fail(e);
        }
        finally
        {
            Sent += sent;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CoT out: {Sent} events ({_encoding}) in {Pictures} pictures to {_endpoint}, {NotSent} not sent") + (LastError is null ? "" : $" (last error: {LastError})");

    public void Dispose()
    {
        _sender?.Dispose();
        _reopening?.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>
    /// The sender when one is open: the first connection inline, later ones started in the background once the retry
    /// time has come and taken when done (null meanwhile); a failed reconnection is thrown here, as a failed send is.
    /// </summary>
    private ICotSender? Connect()
    {
        if (!_opened)
        {
            _opened = true;
            return CotSenders.Open(_endpoint, _encoding);
        }
        if (_reopening is null)
        {
            if (Environment.TickCount64 >= _retryAt) _reopening = Task.Run(() => CotSenders.Open(_endpoint, _encoding));
            return null;
        }
        if (!_reopening.IsCompleted) return null;
        var done = _reopening;
        _reopening = null;
        if (!done.IsCompletedSuccessfully) ExceptionDispatchInfo.Throw(done.Exception!.InnerException!);
        return done.Result;
    }

    private static bool IsSenderError(Exception e) =>
        e is System.Net.Sockets.SocketException or IOException or ObjectDisposedException or TimeoutException;

    private void Fail(Exception e)
    {
        if (LastError is null) Console.Error.WriteLine($"--cot-out {_endpoint}: {e.Message} (further errors are counted, not shown; retrying every {RetryAfterMs / 1000} s)");
        LastError = e.Message;
        _sender?.Dispose();
        _sender = null;
        _retryAt = Environment.TickCount64 + RetryAfterMs;
    }
}
