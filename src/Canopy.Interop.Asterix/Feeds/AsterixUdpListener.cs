using System.Net;
using System.Net.Sockets;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>
/// Receives ASTERIX over UDP and hands each datagram to an <see cref="AsterixPlotDecoder"/> with the address it came from and when;
/// the listener keeps running through malformed datagrams and reports of unknown radars (the decoder counts them).
/// </summary>
public sealed class AsterixUdpListener : IDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[65536];
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private EndPoint _from;

    public AsterixUdpListener(IPEndPoint bind, AsterixPlotDecoder decoder)
    {
        ArgumentNullException.ThrowIfNull(bind);
        ArgumentNullException.ThrowIfNull(decoder);
        Decoder = decoder;
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
        _socket.Bind(bind);
        _from = new IPEndPoint(bind.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
    }

    public AsterixPlotDecoder Decoder { get; }
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;
    public long Datagrams => Decoder.Datagrams;
    public long BadDatagrams => Decoder.BadDatagrams;

    /// <summary>Datagrams the kernel dropped for this socket (receive buffer full), where readable; null otherwise.</summary>
    public long? KernelDrops => Canopy.Core.Feeds.UdpKernelDrops.Read(_socket);

    /// <summary>The address the datagram last received came from.</summary>
    public IPAddress? From { get; private set; }

    /// <summary>When the datagram last received arrived, in seconds since the listener opened.</summary>
    public double ReceivedAt { get; private set; }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for one datagram and appends its plots; <paramref name="stepTime"/> is set when it
    /// closed a scan step. False when nothing arrived in time.
    /// </summary>
    public bool Receive(TimeSpan timeout, List<Plot> plots, out double? stepTime)
    {
        ArgumentNullException.ThrowIfNull(plots);
        stepTime = null;
        if (!TryReceive(timeout, out var datagram)) return false;
        stepTime = Decoder.Decode(datagram.Span, 0, plots, From, ReceivedAt);
        return true;
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for one datagram, not decoded yet (its bytes are valid until the next call; its sender
    /// in <see cref="From"/>, its arrival in <see cref="ReceivedAt"/>).
    /// </summary>
    public bool TryReceive(TimeSpan timeout, out ReadOnlyMemory<byte> datagram)
    {
        datagram = default;
        if (!_socket.Poll(timeout, SelectMode.SelectRead)) return false;
        var n = _socket.ReceiveFrom(_buffer, ref _from);
        From = (_from as IPEndPoint)?.Address;
        ReceivedAt = _clock.Elapsed.TotalSeconds;
        datagram = _buffer.AsMemory(0, n);
        return true;
    }

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
