using Canopy.Core.Geodesy;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.ThreatEvaluation;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>
/// Turns ASTERIX datagrams into plots for the tracker: CAT048 reports of known radars (by SAC/SIC) become polar plots, and a
/// CAT034 message with I030 marks the end of a scan step. Malformed datagrams and reports of unknown radars are counted and
/// skipped. CAT062 system tracks of another system become position plots in the common ENU frame (see
/// <see cref="SystemTrackPlots"/>); a datagram with CAT062 tracks and no CAT034 closes a step at its latest time of track.
/// CAT021 ADS-B reports go to the civil identity stage (<see cref="AdsbCorrelator"/>), when one is given. CAT048 SSR-only
/// reports with a Mode 3/A code (<see cref="SsrReplies"/>) are IFF replies: they go to the IFF correlator, when one is given,
/// and are never plots for the tracker.
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
    private List<Plot> _plots = [];
    private double? _step;
    private double? _latestTrack;

    /// <param name="frame">The common ENU frame of the pipeline (the defence layout's), for CAT062 positions.</param>
    /// <param name="civil">Receives the ADS-B reports (CAT021), if given.</param>
    /// <param name="editions">The edition of each category received (default the newest).</param>
    /// <param name="iff">Receives the IFF replies (CAT048 SSR-only reports with I070), if given.</param>
    public AsterixPlotDecoder(IReadOnlyList<RadarSite> sites, double startTimeOfDay, LocalFrame frame, AdsbCorrelator? civil = null, AsterixEditions? editions = null,
        IffCorrelator? iff = null)
    {
        _iff = iff;
        _civil = civil;
        _editions = editions ?? AsterixEditions.Newest;
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(frame);
        _sites = sites.ToDictionary(s => s.Source);
        _clock = new TimeOfDayClock(startTimeOfDay);
        _frame = frame;
        _ssr = new SsrReplies(sites, frame);
    }

    public long Datagrams { get; private set; }
    public long BadDatagrams { get; private set; }
    public long Records { get; private set; }
    public long UnknownSources { get; private set; }

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
    /// CAT034 end-of-scan message, otherwise null.
    /// </summary>
    /// <param name="origin">Absolute offset of the datagram's first byte, for error messages.</param>
    public double? Decode(ReadOnlySpan<byte> datagram, long origin, List<Plot> plots)
    {
        ArgumentNullException.ThrowIfNull(plots);
        Datagrams++;
        _plots = plots;
        _step = null;
        _latestTrack = null;
        if (AsterixDecoder.Decode(datagram, origin, this, _editions).Errors > 0) BadDatagrams++;
        return _step ?? _latestTrack;
    }

    public void OnCat048(in Cat048Record record, long offset)
    {
        Records++;
        if (!record.Has(Cat048Items.I010) || !record.Has(Cat048Items.I140) || !record.Has(Cat048Items.I040)) return;
        if (!_sites.TryGetValue(record.Source, out var site))
        {
            UnknownSources++;
            return;
        }
        var time = _clock.ToTime(record.TimeOfDaySeconds);
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
        if (record.Has(Cat034Items.I030)) _step = _clock.ToTime(record.TimeOfDaySeconds);
    }

    public void OnCat062(in Cat062Record record, long offset)
    {
        Records++;
        if (!record.Has(Cat062Items.I010) || !record.Has(Cat062Items.I070) || SystemTrackPlots.Tentative(record) ||
            SystemTrackPlots.Position(record, _frame) is not { } enu) return;
        var time = _clock.ToTime(record.TimeOfTrackSeconds);
        _plots.Add(Plot.Position(SystemTrackPlots.SensorOf(record.Source), time, enu));
        _latestTrack = _latestTrack is { } latest ? Math.Max(latest, time) : time;
        SystemTracks++;
    }
    public void OnCat021(in Cat021Record record, long offset)
    {
        Records++;
        if (_civil is null || AdsbPositions.Report(record, _frame, _clock) is not { } report) return;
        _civil.Report(report);
        AdsbReports++;
    }

    public void OnCat021V023(in Cat021V023Record record, long offset)
    {
        Records++;
        if (_civil is null || AdsbPositions.Report(record, _frame, _clock) is not { } report) return;
        _civil.Report(report);
        AdsbReports++;
    }
    public void OnError(AsterixError error) => LastError = error;
}
