using System.Net;
using System.Net.Sockets;
using Canopy.Core.Geodesy;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.ThreatEvaluation;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>
/// Sends each tick's radar plots as CAT048 over UDP, closed by one CAT034 sector-crossing message whose time of day marks the end
/// of the tick (the listener steps its pipeline on it). Plots of sensors that are not radar sites (acoustic bearings) are not sent.
/// Given a frame, it also sends the tick's queued IFF replies as CAT048 SSR-only reports of the interrogating radar
/// (<see cref="SsrReplies"/>) and ADS-B reports as CAT021 of one ground station (<see cref="AdsbPositions.ToRecord"/>), before the CAT034.
/// </summary>
public sealed class AsterixPlotSender : IDisposable
{
    private const int MaxDatagram = 60_000;
    private readonly Socket _socket;
    private readonly IPEndPoint _target;
    private readonly Dictionary<SensorId, RadarSite> _sites;
    private readonly DataSource _service;
    private readonly double _startTimeOfDay;
    private readonly byte[] _buffer = new byte[MaxDatagram + 1024];

    private readonly double _maxRate;
    private readonly LocalFrame? _frame;
    private readonly SsrReplies? _ssr;
    private readonly bool _cat021V023;
    private readonly TimeOfDayClock _timeOfDay;
    private readonly List<AdsbReport> _adsb = [];
    private readonly List<(SensorId Sensor, IffReply Reply)> _iff = [];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <param name="maxDatagramsPerSecond">Pacing so a listener on the same machine keeps up; 0 sends as fast as the caller calls.</param>
    /// <param name="frame">The common ENU frame of queued IFF replies and ADS-B reports; null: none are sent.</param>
    /// <param name="editions">The editions sent (CAT021 2.x or 0.23); default the newest.</param>
    public AsterixPlotSender(IPEndPoint target, IReadOnlyList<RadarSite> sites, double startTimeOfDay, double maxDatagramsPerSecond = 0,
        LocalFrame? frame = null, AsterixEditions? editions = null)
    {
        _frame = frame;
        _ssr = frame is null ? null : new SsrReplies(sites, frame);
        _cat021V023 = (editions ?? AsterixEditions.Newest).Cat021V023;
        _timeOfDay = new TimeOfDayClock(startTimeOfDay);
        _maxRate = maxDatagramsPerSecond;
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sites);
        if (sites.Count == 0) throw new ArgumentException("no radar to send for", nameof(sites));
        _target = target;
        _sites = sites.ToDictionary(s => s.Id);
        _service = sites[0].Source;
        _startTimeOfDay = startTimeOfDay;
        _socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
    }

    public long Datagrams { get; private set; }
    public long Plots { get; private set; }
    public long Ticks { get; private set; }

    /// <summary>IFF replies sent as CAT048 SSR reports.</summary>
    public long IffReplies { get; private set; }

    /// <summary>ADS-B reports sent as CAT021.</summary>
    public long AdsbReports { get; private set; }

    /// <summary>The ADS-B ground station the CAT021 reports come from: the radars' SAC, SIC 255.</summary>
    public DataSource AdsbStation => new(_service.Sac, 255);

    /// <summary>Queues an ADS-B report to go out as CAT021 with the next <see cref="Send"/> (when the sender has a frame).</summary>
    public void Queue(in AdsbReport report)
    {
        if (_frame is not null) _adsb.Add(report);
    }

    /// <summary>Queues an IFF reply heard by a radar's interrogator to go out as a CAT048 SSR report with the next <see cref="Send"/>.</summary>
    public void Queue(SensorId interrogator, in IffReply reply)
    {
        if (_ssr is not null && _sites.ContainsKey(interrogator)) _iff.Add((interrogator, reply));
    }

    /// <summary>Sends the plots observed at one time (simulation seconds since the start), then the queued IFF replies and ADS-B reports.</summary>
    /// <param name="asReceived">When given, receives each sent plot as a receiver decodes it (quantised to the wire's resolution).</param>
    /// <param name="identityAsReceived">When given, receives each sent IFF reply and ADS-B report as a receiver decodes it.</param>
    public void Send(double time, ReadOnlySpan<Plot> plots, List<Plot>? asReceived = null, CooperativeIdentityCorrelator? identityAsReceived = null)
    {
        var timeOfDay = (_startTimeOfDay + time) % Units.Day;
        var w = new AsterixWriter(_buffer);
        byte open = 0;
        foreach (var plot in plots)
        {
            if (!_sites.TryGetValue(plot.Sensor, out var site) || !RadarPlots.TryEncode(plot, site, timeOfDay, out var record)) continue;
            Open(ref w, ref open, Cat048Codec.Category);
            Cat048Codec.Encode(record, ref w);
            asReceived?.Add(RadarPlots.Decode(record, site, time));
            Plots++;
        }
        SendIdentity(ref w, ref open, identityAsReceived);
        if (open != 0) w.EndBlock();
        w.BeginBlock(Cat034Codec.Category);
        var marker = new Cat034Record
        {
            Items = Cat034Items.I010 | Cat034Items.I000 | Cat034Items.I030,
            Source = _service,
            MessageType = 2,
            TimeOfDay = (int)(Math.Round(timeOfDay * 128) % (Units.Day * 128)),
        };
        Cat034Codec.Encode(marker, ref w);
        w.EndBlock();
        Flush(ref w);
        Ticks++;
    }

    private void SendIdentity(ref AsterixWriter w, ref byte open, CooperativeIdentityCorrelator? identityAsReceived)
    {
        foreach (var (sensor, reply) in _iff)
        {
            var site = _sites[sensor];
            if (!_ssr!.TryEncode(reply, site, (_startTimeOfDay + reply.Time) % Units.Day, out var record)) continue;
            Open(ref w, ref open, Cat048Codec.Category);
            Cat048Codec.Encode(record, ref w);
            if (identityAsReceived is not null && _ssr.Decode(record, site, _timeOfDay.ToTime(record.TimeOfDaySeconds)) is { } heard) identityAsReceived.Iff.Report(heard);
            IffReplies++;
        }
        _iff.Clear();
        foreach (var report in _adsb)
        {
            var timeOfDay = (_startTimeOfDay + report.Time) % Units.Day;
            Open(ref w, ref open, Cat021Codec.Category);
            AdsbReport? heard;
            if (_cat021V023)
            {
                var record = AdsbPositions.ToRecordV023(report, _frame!, AdsbStation, timeOfDay);
                Cat021V023Codec.Encode(record, ref w);
                heard = identityAsReceived is null ? null : AdsbPositions.Report(record, _frame!, _timeOfDay);
            }
            else
            {
                var record = AdsbPositions.ToRecord(report, _frame!, AdsbStation, timeOfDay);
                Cat021Codec.Encode(record, ref w);
                heard = identityAsReceived is null ? null : AdsbPositions.Report(record, _frame!, _timeOfDay);
            }
            if (heard is { } h) identityAsReceived!.Adsb.Report(h);
            AdsbReports++;
        }
        _adsb.Clear();
    }

    /// <summary>Makes the open data block one of <paramref name="category"/>, sending the datagram first when it is full.</summary>
    private void Open(ref AsterixWriter w, ref byte open, byte category)
    {
        if (open != 0 && w.Position > MaxDatagram)
        {
            w.EndBlock();
            Flush(ref w);
            open = 0;
        }
        if (open == category) return;
        if (open != 0) w.EndBlock();
        w.BeginBlock(category);
        open = category;
    }

    private void Flush(ref AsterixWriter w)
    {
        if (_maxRate > 0)
        {
            var due = TimeSpan.FromSeconds(Datagrams / _maxRate) - _clock.Elapsed;
            if (due > TimeSpan.Zero) Thread.Sleep(due);
        }
        _socket.SendTo(w.Written, SocketFlags.None, _target);
        Datagrams++;
        w = new AsterixWriter(_buffer);
    }

    public void Dispose() => _socket.Dispose();
}
