using System.Net;
using System.Net.Sockets;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>
/// Sends each tick's radar plots as CAT048 over UDP, closed by one CAT034 sector-crossing message whose time of day marks the end
/// of the tick (the listener steps its pipeline on it). Plots of sensors that are not radar sites (acoustic bearings) are not sent.
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
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <param name="maxDatagramsPerSecond">Pacing so a listener on the same machine keeps up; 0 sends as fast as the caller calls.</param>
    public AsterixPlotSender(IPEndPoint target, IReadOnlyList<RadarSite> sites, double startTimeOfDay, double maxDatagramsPerSecond = 0)
    {
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

    /// <summary>Sends the plots observed at one time (simulation seconds since the start).</summary>
    /// <param name="asReceived">When given, receives each sent plot as a receiver decodes it (quantised to the wire's resolution).</param>
    public void Send(double time, ReadOnlySpan<Plot> plots, List<Plot>? asReceived = null)
    {
        var timeOfDay = (_startTimeOfDay + time) % Units.Day;
        var w = new AsterixWriter(_buffer);
        var open = false;
        foreach (var plot in plots)
        {
            if (!_sites.TryGetValue(plot.Sensor, out var site) || !RadarPlots.TryEncode(plot, site, timeOfDay, out var record)) continue;
            if (w.Position > MaxDatagram)
            {
                w.EndBlock();
                Flush(ref w);
                open = false;
            }
            if (!open)
            {
                w.BeginBlock(Cat048Codec.Category);
                open = true;
            }
            Cat048Codec.Encode(record, ref w);
            asReceived?.Add(RadarPlots.Decode(record, site, time));
            Plots++;
        }
        if (open) w.EndBlock();
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
