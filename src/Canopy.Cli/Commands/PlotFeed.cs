using System.Runtime.InteropServices;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Feeds;
using Canopy.Scenarios.Model;

namespace Canopy.Cli.Commands;

/// <summary>
/// What `listen` and `replay` share: ASTERIX datagrams decoded into plots, the pipeline stepped at each end of scan, the
/// tracks published as CAT062 if asked, and the same summary printed at the end.
/// </summary>
internal sealed class PlotFeed(Scenario scenario, AsterixPlotDecoder decoder, TrackPublisher? publisher)
{
    private readonly AsterixFeeds.Tally _tally = new(AsterixFeeds.Pipeline(scenario));
    private readonly List<Plot> _plots = [];
    private long _plotCount;

    public AsterixPlotDecoder Decoder => decoder;

    /// <summary>Decodes one datagram; returns the step time when it closed a scan step (then call <see cref="Step"/>).</summary>
    public double? Decode(ReadOnlySpan<byte> datagram, long origin) => decoder.Decode(datagram, origin, _plots);

    /// <summary>Steps the pipeline on the plots gathered since the last step.</summary>
    public void Step(double time)
    {
        _plotCount += _plots.Count;
        var step = _tally.Step(time, CollectionsMarshal.AsSpan(_plots));
        publisher?.Publish(step);
        _plots.Clear();
    }

    public void PrintSummary(string verb, string? cat062Target)
    {
        Console.WriteLine($"{verb} {decoder.Datagrams} datagrams ({decoder.BadDatagrams} malformed), {decoder.Records} records, {_plotCount} plots, " +
                          $"{decoder.UnknownSources} from unknown radars");
        if (decoder.LastError is { } error) Console.WriteLine($"last fault: {error}");
        Console.WriteLine($"pipeline: {_tally}");
        if (publisher is not null) Console.WriteLine($"CAT062: {publisher.Sender.Tracks} track reports in {publisher.Sender.Datagrams} datagrams to {cat062Target}");
    }
}
