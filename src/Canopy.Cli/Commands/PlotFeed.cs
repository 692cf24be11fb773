using System.Runtime.InteropServices;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Feeds;
using Canopy.Scenarios.Model;

namespace Canopy.Cli.Commands;

/// <summary>
/// What `listen` and `replay` share: ASTERIX datagrams decoded into plots, the pipeline stepped at each end of scan, the
/// tracks published as CAT062 and the picture sent as CoT if asked, and the same summary printed at the end.
/// </summary>
internal sealed class PlotFeed
{
    private readonly AsterixPlotDecoder _decoder;
    private readonly AsterixFeeds.Tally _tally;
    private readonly TrackPublisher? _publisher;
    private readonly CotOut? _cotOut;
    private readonly Canopy.ThreatEvaluation.CooperativeIdentityCorrelator _identity;
    private readonly List<Plot> _plots = [];
    private readonly Canopy.Interop.Geo.AirPictureRecorder _picture;
    private long _plotCount;

    /// <remarks>
    /// ADS-B reports (CAT021) identify civil aircraft, and IFF replies (CAT048 SSR reports) with one of the scenario's friendly
    /// squawks friendly ones, which the pipeline never assesses as threats.
    /// </remarks>
    /// <param name="options">Whom the feed believes (partners, addresses, time window); default <see cref="AsterixFeeds.Options"/>.</param>
    public PlotFeed(Scenario scenario, IReadOnlyList<RadarSite> sites, TrackPublisher? publisher, Canopy.Interop.Asterix.AsterixEditions editions,
        Canopy.Core.Defence.IEffectorPositions? positions = null, CotOut? cotOut = null, AsterixFeedOptions? options = null)
    {
        _tally = new AsterixFeeds.Tally(AsterixFeeds.Pipeline(scenario, positions: positions));
        _identity = _tally.Pipeline.Identity!;
        _decoder = new AsterixPlotDecoder(sites, AsterixFeeds.StartTimeOfDay(scenario), new Canopy.Core.Geodesy.LocalFrame(scenario.Region.Centre),
            _identity.Adsb, editions, _identity.Iff, options ?? AsterixFeeds.Options);
        _publisher = publisher;
        _cotOut = cotOut;
        _picture = new Canopy.Interop.Geo.AirPictureRecorder(PictureObserver.LayoutOf(scenario));
    }

    /// <summary>The picture of the last step, with the fire units where the pipeline had them (null before the first step).</summary>
    public Canopy.Interop.Geo.AirPicture? Picture => _picture.Picture;

    public AsterixPlotDecoder Decoder => _decoder;

    /// <summary>Decodes one datagram; returns the step time when it closed a scan step (then call <see cref="Step"/>).</summary>
    /// <param name="from">The sender's address, when known.</param>
    /// <param name="receivedAt">When it arrived (seconds, wall or capture clock); NaN when unknown.</param>
    public double? Decode(ReadOnlySpan<byte> datagram, long origin, System.Net.IPAddress? from = null, double receivedAt = double.NaN) =>
        _decoder.Decode(datagram, origin, _plots, from, receivedAt);

    /// <summary>Decodes one datagram and steps the pipeline when it closed a scan: what `listen` does with each datagram it receives.</summary>
    public void Receive(ReadOnlySpan<byte> datagram, System.Net.IPAddress? from, double receivedAt)
    {
        if (Decode(datagram, 0, from, receivedAt) is { } t) Step(t);
    }

    /// <summary>The pipeline's tally so far (steps, confirmed tracks, shot orders).</summary>
    public AsterixFeeds.Tally Tally => _tally;

    /// <summary>One line of the feed's counters, for the periodic status line and the summary.</summary>
    public string Status(long? kernelDrops) =>
        $"feed: {_decoder.Counters}" + (kernelDrops is { } drops ? $", {drops} dropped by the kernel" : ", kernel drops not readable") + $"; {_tally}";

    /// <summary>Steps the pipeline on the plots gathered since the last step.</summary>
    public void Step(double time)
    {
        _plotCount += _plots.Count;
        var step = _tally.Step(time, CollectionsMarshal.AsSpan(_plots));
        _publisher?.Publish(step);
        _cotOut?.Send(step, _identity);
        _picture.Observe(time, step.Tracks, step.Threats, step.Assignments, [.. _tally.Pipeline.FireUnits.Select(u => u.Spec)]);
        _plots.Clear();
    }

    public void PrintSummary(string verb, string? cat062Target)
    {
        Console.WriteLine($"{verb} {_decoder.Datagrams} datagrams ({_decoder.BadDatagrams} malformed), {_decoder.Records} records, {_plotCount} plots, " +
                          $"{_decoder.UnknownSources} from unknown radars, {_decoder.SystemTracks} CAT062 system tracks, {_decoder.AdsbReports} ADS-B reports ({_identity.Adsb.CivilTracks} tracks identified civil), " +
                          $"{_decoder.IffReplies} IFF replies ({_identity.Iff.FriendlyTracks} tracks identified friendly)");
        Console.WriteLine($"feed: {_decoder.Counters}");
        if (_decoder.LastError is { } error) Console.WriteLine($"last fault: {error}");
        Console.WriteLine($"pipeline: {_tally}");
        if (_publisher is not null) Console.WriteLine($"CAT062: {_publisher.Sender.Tracks} track reports in {_publisher.Sender.Datagrams} datagrams to {cat062Target}");
        if (_cotOut is not null) Console.WriteLine(_cotOut.ToString());
    }
}
