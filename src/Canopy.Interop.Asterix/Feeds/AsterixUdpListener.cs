using System.Net;
using System.Net.Sockets;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>
/// Receives ASTERIX over UDP and turns CAT048 reports of known radars (by SAC/SIC) into plots; a CAT034 message marks the end of a
/// scan step. Malformed datagrams and reports of unknown radars are counted and skipped; the listener keeps running.
/// </summary>
public sealed class AsterixUdpListener : IAsterixHandler, IDisposable
{
    private readonly Socket _socket;
    private readonly Dictionary<DataSource, RadarSite> _sites;
    private readonly TimeOfDayClock _clock;
    private readonly byte[] _buffer = new byte[65536];
    private List<Plot> _plots = [];
    private double? _step;

    public AsterixUdpListener(IPEndPoint bind, IReadOnlyList<RadarSite> sites, double startTimeOfDay)
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(sites);
        _sites = sites.ToDictionary(s => s.Source);
        _clock = new TimeOfDayClock(startTimeOfDay);
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
        _socket.Bind(bind);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;
    public long Datagrams { get; private set; }
    public long BadDatagrams { get; private set; }
    public long Records { get; private set; }
    public long UnknownSources { get; private set; }

    /// <summary>The latest fault, for display.</summary>
    public AsterixError? LastError { get; private set; }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for one datagram and appends its plots; <paramref name="stepTime"/> is set when it
    /// carried a CAT034 end-of-scan message. False when nothing arrived in time.
    /// </summary>
    public bool Receive(TimeSpan timeout, List<Plot> plots, out double? stepTime)
    {
        ArgumentNullException.ThrowIfNull(plots);
        stepTime = null;
        if (!_socket.Poll(timeout, SelectMode.SelectRead)) return false;
        var n = _socket.Receive(_buffer);
        Datagrams++;
        _plots = plots;
        _step = null;
        var counts = AsterixDecoder.Decode(_buffer.AsSpan(0, n), 0, this);
        if (counts.Errors > 0) BadDatagrams++;
        stepTime = _step;
        return true;
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
        _plots.Add(RadarPlots.Decode(record, site, _clock.ToTime(record.TimeOfDaySeconds)));
    }

    public void OnCat034(in Cat034Record record, long offset)
    {
        Records++;
        if (record.Has(Cat034Items.I030)) _step = _clock.ToTime(record.TimeOfDaySeconds);
    }

    public void OnCat062(in Cat062Record record, long offset) => Records++;
    public void OnCat021(in Cat021Record record, long offset) => Records++;
    public void OnError(AsterixError error) => LastError = error;

    public void Dispose() => _socket.Dispose();
}

/// <summary>Radar sites from a defence layout's sensors: SAC as given, SIC = the sensor id (0..255).</summary>
public static class RadarSites
{
    public static IReadOnlyList<RadarSite> From(IEnumerable<Canopy.Core.Defence.SensorSpec> sensors, byte sac)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var list = new List<RadarSite>();
        foreach (var s in sensors.OfType<Canopy.Core.Defence.RadarSpec>())
        {
            if (s.Id.Value is < 0 or > 255) throw new ArgumentException($"sensor {s.Name}: id {s.Id} does not fit an ASTERIX SIC (0..255)", nameof(sensors));
            list.Add(new RadarSite(s.Id, new DataSource(sac, (byte)s.Id.Value), s.Antenna));
        }
        return list;
    }
}

/// <summary>UDP endpoints written as URIs on the command line.</summary>
public static class UdpUri
{
    /// <summary>Parses "udp://host:port" (an IP address, not a name).</summary>
    public static IPEndPoint Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        const string scheme = "udp://";
        if (!uri.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) || !IPEndPoint.TryParse(uri[scheme.Length..], out var ep) || ep.Port == 0)
            throw new FormatException($"'{uri}' is not udp://ADDRESS:PORT (for example udp://127.0.0.1:8600)");
        return ep;
    }
}
