using System.Buffers.Binary;
using System.Net;

namespace Canopy.Interop.Asterix.Files;

/// <summary>
/// Writes UDP datagrams as a little-endian microsecond pcap file with raw IPv4 links (LINKTYPE_RAW, 101), which
/// <see cref="CaptureReader"/>, tcpdump, Wireshark and tshark read. Each datagram gets an IPv4 header (with its checksum) and a
/// UDP header (checksum 0, allowed over IPv4).
/// </summary>
public sealed class CaptureWriter : IDisposable
{
    private const int Headers = 16 + 20 + 8;
    private readonly Stream _stream;
    private readonly byte[] _header = new byte[Headers];
    private readonly uint _source;
    private readonly uint _destination;
    private readonly ushort _sourcePort;
    private readonly ushort _destinationPort;
    private ushort _id;

    /// <param name="stream">Receives the file; disposed with the writer.</param>
    public CaptureWriter(Stream stream, IPEndPoint from, IPEndPoint to)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || to.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            throw new ArgumentException("pcap recording needs IPv4 endpoints", nameof(to));
        _stream = stream;
        _source = BinaryPrimitives.ReadUInt32BigEndian(from.Address.GetAddressBytes());
        _destination = BinaryPrimitives.ReadUInt32BigEndian(to.Address.GetAddressBytes());
        _sourcePort = (ushort)from.Port;
        _destinationPort = (ushort)to.Port;
        Span<byte> global = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(global, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(global[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(global[6..], 4);
        global.Slice(8, 8).Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(global[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(global[20..], 101);
        _stream.Write(global);
    }

    public long Datagrams { get; private set; }

    /// <summary>Appends one datagram captured at <paramref name="unixTime"/> (seconds since 1970).</summary>
    public void Write(double unixTime, ReadOnlySpan<byte> payload)
    {
        if (payload.Length > 65535 - 28) throw new ArgumentException($"a UDP payload of {payload.Length} bytes does not fit IPv4", nameof(payload));
        var h = _header.AsSpan();
        var micros = (long)Math.Round(unixTime * 1e6);
        var length = 28 + payload.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(h, (uint)(micros / 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(h[4..], (uint)(micros % 1_000_000));
        BinaryPrimitives.WriteUInt32LittleEndian(h[8..], (uint)length);
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], (uint)length);
        var ip = h.Slice(16, 20);
        ip.Clear();
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)length);
        BinaryPrimitives.WriteUInt16BigEndian(ip[4..], _id++);
        ip[6] = 0x40; // don't fragment
        ip[8] = 64;
        ip[9] = 17;
        BinaryPrimitives.WriteUInt32BigEndian(ip[12..], _source);
        BinaryPrimitives.WriteUInt32BigEndian(ip[16..], _destination);
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip));
        var udp = h.Slice(36, 8);
        BinaryPrimitives.WriteUInt16BigEndian(udp, _sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], _destinationPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)(8 + payload.Length));
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        _stream.Write(h);
        _stream.Write(payload);
        Datagrams++;
    }

    /// <summary>The IPv4 header checksum: ones' complement of the ones' complement sum of its 16-bit words.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> header)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < header.Length; i += 2) sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        while (sum > 0xFFFF) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    public void Dispose() => _stream.Dispose();
}
