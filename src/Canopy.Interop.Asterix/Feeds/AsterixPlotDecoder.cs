using Canopy.Core.Geodesy;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.ThreatEvaluation;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>
/// Turns ASTERIX datagrams into plots for the tracker: CAT048 reports of known radars (by SAC/SIC) become polar plots, and a
/// CAT034 message with I030 from one of those radars marks the end of a scan step. CAT062 system tracks of another system become
/// position plots in the common ENU frame (see <see cref="SystemTrackPlots"/>); a datagram with CAT062 tracks and no CAT034 closes
/// a step at its latest time of track. CAT021 ADS-B reports go to the civil identity stage (<see cref="AdsbCorrelator"/>), when
/// one is given. CAT048 SSR-only reports with a Mode 3/A code (<see cref="SsrReplies"/>) are IFF replies: they go to the IFF
/// correlator, when one is given, and are never plots for the tracker.
/// Nothing received is trusted (<see cref="AsterixFeedOptions"/>): malformed datagrams, records from sources not declared,
/// records whose time is implausibly far from the feed's clock and records with values out of range (a latitude beyond the pole,
/// a time of day past midnight) are counted in <see cref="Counters"/> and dropped; no input makes it throw. A step never goes
/// back in time.
/// Shared by the UDP listener and the replay of recorded files, so both feed the pipeline alike.
/// </summary>
public sealed class AsterixPlotDecoder : IAsterixHandler
{
    private readonly Dictionary<DataSource, RadarSite> _sites;
    private readonly TimeOfDayClock _clock;
    private readonly LocalFrame _frame;
    private readonly AdsbCorrelator? _civil;
    private readonly AsterixEditions _editions;
    private readonly IffCorrelator? _iff;
    private readonly SsrReplies _ssr;
    private readonly AsterixFeedOptions _options;
    private List<Plot> _plots = [];
    private double? _step;
    private double? _latestTrack;
    private double _lastStep = double.NegativeInfinity;
    private double _receivedAt = double.NaN;
    private double _clockReceivedAt = double.NaN;

    /// <param name="frame">The common ENU frame of the pipeline (the defence layout's), for CAT062 positions.</param>
    /// <param name="civil">Receives the ADS-B reports (CAT021), if given.</param>
    /// <param name="editions">The edition of each category received (default the newest).</param>
    /// <param name="iff">Receives the IFF replies (CAT048 SSR-only reports with I070), if given.</param>
    /// <param name="options">Whom and what the feed believes; default <see cref="AsterixFeedOptions.Default"/>.</param>
    public AsterixPlotDecoder(IReadOnlyList<RadarSite> sites, double startTimeOfDay, LocalFrame frame, AdsbCorrelator? civil = null, AsterixEditions? editions = null,
        IffCorrelator? iff = null, AsterixFeedOptions? options = null)
    {
        _iff = iff;
        _civil = civil;
        _editions = editions ?? AsterixEditions.Newest;
        _options = options ?? AsterixFeedOptions.Default;
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(frame);
        _sites = sites.ToDictionary(s => s.Source);
        _clock = new TimeOfDayClock(startTimeOfDay);
        _frame = frame;
        _ssr = new SsrReplies(sites, frame);
    }

    /// <summary>What the feed received and dropped, and why (thread-safe to read while the feed runs).</summary>
    public Canopy.Core.Feeds.FeedCounters Counters { get; } = new();

    public long Datagrams => Counters.Received;
    public long BadDatagrams => Counters.Malformed;
    public long Records { get; private set; }
    public long UnknownSources => Counters.RejectedBySource;

    /// <summary>CAT062 system tracks turned into position plots.</summary>
    public long SystemTracks { get; private set; }

    /// <summary>CAT021 ADS-B reports passed to the civil identity stage.</summary>
    public long AdsbReports { get; private set; }

    /// <summary>CAT048 SSR-only reports with a Mode 3/A code passed to the IFF correlator.</summary>
    public long IffReplies { get; private set; }

    /// <summary>The editions decoded.</summary>
    public AsterixEditions Editions => _editions;

    /// <summary>The latest fault, for display.</summary>
    public AsterixError? LastError { get; private set; }

    /// <summary>
    /// Decodes one datagram (or one data block of a raw file) and appends its plots; returns the step time when it carried a
    /// CAT034 end-of-scan message of a declared radar (or CAT062 tracks) later than the last step, otherwise null.
    /// </summary>
    /// <param name="origin">Absolute offset of the datagram's first byte, for error messages.</param>
    /// <param name="from">The address it came from, when known (checked against <see cref="AsterixFeedOptions.SourceAddresses"/>).</param>
    /// <param name="receivedAt">When it was received, in seconds on any steady clock (wall or capture time); NaN when unknown.
    /// The feed's clock runs on by the time elapsed between receptions, so a feed that falls silent for a while is heard again.</param>
    public double? Decode(ReadOnlySpan<byte> datagram, long origin, List<Plot> plots, System.Net.IPAddress? from = null, double receivedAt = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(plots);
        Counters.CountReceived();
        if (!_options.Accepts(from))
        {
            Counters.CountRejectedBySource();
            return null;
        }
        _plots = plots;
        _step = null;
        _latestTrack = null;
        _receivedAt = receivedAt;
        if (AsterixDecoder.Decode(datagram, origin, this, _editions).Errors > 0) Counters.CountMalformed();
        var step = _step ?? _latestTrack;
        if (step is not { } t) return null;
        if (t <= _lastStep)
        {
            if (_step is not null) Counters.CountRejectedByTime();
            return null;
        }
        _lastStep = t;
        return t;
    }

    /// <summary>The pipeline time of a received time of day, or null (counted) when it is no time of day or implausibly far from the feed's clock.</summary>
    private double? Time(double timeOfDay)
    {
        if (!(timeOfDay < Units.Day))
        {
            Counters.CountImplausible();
            return null;
        }
        var elapsed = double.IsFinite(_receivedAt) && double.IsFinite(_clockReceivedAt) ? Math.Max(0, _receivedAt - _clockReceivedAt) : 0;
        var latest = _clock.Latest;
        if (!_clock.TryToTime(timeOfDay, _options.MaxLead.Seconds + elapsed, _options.MaxLag.Seconds, out var time))
        {
            Counters.CountRejectedByTime();
            return null;
        }
        if (!(time <= latest)) _clockReceivedAt = _receivedAt;
        return time;
    }

    public void OnCat048(in Cat048Record record, long offset)
    {
        Records++;
        if (!record.Has(Cat048Items.I010) || !record.Has(Cat048Items.I140) || !record.Has(Cat048Items.I040)) return;
        if (!_sites.TryGetValue(record.Source, out var site))
        {
            Counters.CountRejectedBySource();
            return;
        }
        if (Time(record.TimeOfDaySeconds) is not { } time) return;
        if (!SsrReplies.IsReply(record))
        {
            _plots.Add(RadarPlots.Decode(record, site, time));
            return;
        }
        if (_iff is null || _ssr.Decode(record, site, time) is not { } reply) return;
        _iff.Report(reply);
        IffReplies++;
    }

    public void OnCat034(in Cat034Record record, long offset)
    {
        Records++;
        if (!record.Has(Cat034Items.I030)) return;
        if (!record.Has(Cat034Items.I010) || !_sites.ContainsKey(record.Source))
        {
            Counters.CountRejectedBySource();
            return;
        }
        if (Time(record.TimeOfDaySeconds) is { } time) _step = _step is { } earlier ? Math.Max(earlier, time) : time;
    }

    public void OnCat062(in Cat062Record record, long offset)
    {
        Records++;
        if (!record.Has(Cat062Items.I010) || !record.Has(Cat062Items.I070) || SystemTrackPlots.Tentative(record)) return;
        if (!FromPartner(true, record.Source)) return;
        if (!SystemTrackPlots.Plausible(record))
        {
            Counters.CountImplausible();
            return;
        }
        if (SystemTrackPlots.Position(record, _frame) is not { } enu || Time(record.TimeOfTrackSeconds) is not { } time) return;
        _plots.Add(Plot.Position(SystemTrackPlots.SensorOf(record.Source), time, enu));
        _latestTrack = _latestTrack is { } latest ? Math.Max(latest, time) : time;
        SystemTracks++;
    }

    public void OnCat021(in Cat021Record record, long offset)
    {
        Records++;
        if (_civil is null || !FromPartner(record.Has(Cat021Items.I010), record.Source) || AdsbPositions.TimeOfDay(record) is not { } timeOfDay) return;
        if (!AdsbPositions.Plausible(record))
        {
            Counters.CountImplausible();
            return;
        }
        if (Time(timeOfDay) is not { } time || AdsbPositions.Report(record, _frame, time) is not { } report) return;
        _civil.Report(report);
        AdsbReports++;
    }

    public void OnCat021V023(in Cat021V023Record record, long offset)
    {
        Records++;
        if (_civil is null || !record.Has(Cat021V023Items.I030) || !FromPartner(record.Has(Cat021V023Items.I010), record.Source)) return;
        if (!AdsbPositions.Plausible(record))
        {
            Counters.CountImplausible();
            return;
        }
        if (Time(record.TimeOfDaySeconds) is not { } time || AdsbPositions.Report(record, _frame, time) is not { } report) return;
        _civil.Report(report);
        AdsbReports++;
    }

    /// <summary>Whether a CAT062 or CAT021 source (when the record has one) is a declared partner; counts it when not.</summary>
    private bool FromPartner(bool hasSource, DataSource source)
    {
        if (_options.Partners is null || (hasSource && _options.Partners.Contains(source))) return true;
        Counters.CountRejectedBySource();
        return false;
    }

    public void OnError(AsterixError error) => LastError = error;
}
