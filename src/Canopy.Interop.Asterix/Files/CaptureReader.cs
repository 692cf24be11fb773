using System.Buffers.Binary;

namespace Canopy.Interop.Asterix.Files;

/// <summary>One UDP payload from a capture: where it starts in the file, its time (s since 1970) and ports.</summary>
public readonly record struct UdpDatagram(long Offset, double Time, int SourcePort, int DestinationPort, ReadOnlyMemory<byte> Payload);

/// <summary>
/// Reads the UDP datagrams out of a pcap (microsecond or nanosecond, either byte order) or pcapng file: Ethernet (with VLAN tags),
/// Linux cooked, BSD loopback or raw IP links, IPv4 or IPv6. Packets that are not UDP are passed over; a file cut short at the end
/// gives every complete packet (<see cref="RecordingReader"/> reads files of any size the same way, in bounded memory); other
/// damage fails with a <see cref="FormatException"/> naming the byte offset.
/// </summary>
public static class CaptureReader
{
    /// <summary>True when the bytes start like a pcap or pcapng file (otherwise treat them as raw ASTERIX).</summary>
    public static bool IsCapture(ReadOnlySpan<byte> file) =>
        file.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(file) is 0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1 or 0x0A0D0D0A;

    /// <summary>The UDP datagrams of a capture held in memory (payloads are slices of it); a capture cut short at the end gives every complete packet.</summary>
    public static List<UdpDatagram> ReadUdp(ReadOnlyMemory<byte> file) => ReadUdp(file, out _);

    /// <summary>As <see cref="ReadUdp(ReadOnlyMemory{byte})"/>, with the warning naming the byte offset of a cut tail (null when the file is whole).</summary>
    public static List<UdpDatagram> ReadUdp(ReadOnlyMemory<byte> file, out string? warning)
    {
        var reader = new RecordingReader(file);
        if (!reader.IsCapture) throw new FormatException($"byte 0: not a pcap or pcapng file (magic {(file.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(file.Span).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) : "missing")})");
        var list = new List<UdpDatagram>();
        while (reader.TryRead(out var datagram)) list.Add(datagram);
        warning = reader.Warning;
        return list;
    }

    /// <summary>The UDP payload of one captured frame of link type <paramref name="link"/>, if it carries one; <paramref name="offset"/> is the frame's in the file.</summary>
    internal static bool TryUdp(ReadOnlyMemory<byte> frame, long offset, int link, double time, out UdpDatagram datagram)
    {
        datagram = default;
        var f = frame.Span;
        int ip;
        switch (link)
        {
            case 1: // Ethernet, with any 802.1Q tags
                ip = 14;
                if (f.Length < ip) return false;
                var etherType = BinaryPrimitives.ReadUInt16BigEndian(f[12..]);
                while (etherType is 0x8100 or 0x88A8 && f.Length >= ip + 4)
                {
                    etherType = BinaryPrimitives.ReadUInt16BigEndian(f[(ip + 2)..]);
                    ip += 4;
                }
                if (etherType is not (0x0800 or 0x86DD)) return false;
                break;
            case 113: ip = 16; break; // Linux cooked
            case 0: ip = 4; break; // BSD loopback
            case 101 or 228 or 229: ip = 0; break; // raw IP
            default: return false;
        }
        if (f.Length < ip + 20) return false;
        int udp;
        var version = f[ip] >> 4;
        if (version == 4)
        {
            if (f[ip + 9] != 17) return false;
            if ((BinaryPrimitives.ReadUInt16BigEndian(f[(ip + 6)..]) & 0x3FFF) != 0) return false; // fragments other than a whole datagram
            udp = ip + (f[ip] & 0x0F) * 4;
        }
        else if (version == 6)
        {
            if (f.Length < ip + 40 || f[ip + 6] != 17) return false;
            udp = ip + 40;
        }
        else return false;
        if (f.Length < udp + 8) return false;
        var udpLength = BinaryPrimitives.ReadUInt16BigEndian(f[(udp + 4)..]);
        var payload = Math.Min(udpLength - 8, f.Length - udp - 8);
        if (payload < 0) return false;
        datagram = new UdpDatagram(offset + udp + 8, time, BinaryPrimitives.ReadUInt16BigEndian(f[udp..]), BinaryPrimitives.ReadUInt16BigEndian(f[(udp + 2)..]),
            frame.Slice(udp + 8, payload));
        return true;
    }
}
