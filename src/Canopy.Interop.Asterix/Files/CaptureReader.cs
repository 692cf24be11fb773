using System.Buffers.Binary;

namespace Canopy.Interop.Asterix.Files;

/// <summary>One UDP payload from a capture: where it starts in the file, its time (s since 1970) and ports.</summary>
public readonly record struct UdpDatagram(long Offset, double Time, int SourcePort, int DestinationPort, ReadOnlyMemory<byte> Payload);

/// <summary>
/// Reads the UDP datagrams out of a pcap (microsecond or nanosecond, either byte order) or pcapng file: Ethernet (with VLAN tags),
/// Linux cooked, BSD loopback or raw IP links, IPv4 or IPv6. Packets that are not UDP are passed over; a damaged file fails with
/// a <see cref="FormatException"/> naming the byte offset.
/// </summary>
public static class CaptureReader
{
    /// <summary>True when the bytes start like a pcap or pcapng file (otherwise treat them as raw ASTERIX).</summary>
    public static bool IsCapture(ReadOnlySpan<byte> file) =>
        file.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(file) is 0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1 or 0x0A0D0D0A;

    public static List<UdpDatagram> ReadUdp(ReadOnlyMemory<byte> file)
    {
        var list = new List<UdpDatagram>();
        if (file.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(file.Span) == 0x0A0D0D0A) ReadPcapng(file, list);
        else ReadPcap(file, list);
        return list;
    }

    private static void ReadPcap(ReadOnlyMemory<byte> file, List<UdpDatagram> list)
    {
        var s = file.Span;
        if (s.Length < 24) throw new FormatException("byte 0: pcap global header truncated (24 bytes needed)");
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(s);
        var little = magic is 0xA1B2C3D4 or 0xA1B23C4D;
        var nano = magic is 0xA1B23C4D or 0x4D3CB2A1;
        if (!little && magic is not (0xD4C3B2A1 or 0x4D3CB2A1)) throw new FormatException($"byte 0: not a pcap file (magic {magic:x8})");
        var link = (int)U32(s[20..], little);
        var pos = 24;
        while (pos < s.Length)
        {
            if (s.Length - pos < 16) throw new FormatException($"byte {pos}: pcap record header truncated");
            var seconds = U32(s[pos..], little);
            var fraction = U32(s[(pos + 4)..], little);
            var captured = (int)U32(s[(pos + 8)..], little);
            if (captured < 0 || captured > s.Length - pos - 16) throw new FormatException($"byte {pos + 8}: pcap record length {captured} runs past the end of the file");
            var time = seconds + fraction * (nano ? 1e-9 : 1e-6);
            AddUdp(file.Slice(pos + 16, captured), pos + 16, link, time, list);
            pos += 16 + captured;
        }
    }

    private static void ReadPcapng(ReadOnlyMemory<byte> file, List<UdpDatagram> list)
    {
        var s = file.Span;
        var little = true;
        var links = new List<(int Link, double Tick)>();
        var pos = 0;
        while (pos < s.Length)
        {
            if (s.Length - pos < 12) throw new FormatException($"byte {pos}: pcapng block header truncated");
            var type = U32(s[pos..], little);
            if (type == 0x0A0D0D0A)
            {
                var bom = BinaryPrimitives.ReadUInt32LittleEndian(s[(pos + 8)..]);
                little = bom == 0x1A2B3C4D;
                if (!little && bom != 0x4D3C2B1A) throw new FormatException($"byte {pos + 8}: pcapng byte-order magic {bom:x8} unknown");
                links.Clear();
            }
            var length = (int)U32(s[(pos + 4)..], little);
            if (length < 12 || length % 4 != 0 || length > s.Length - pos) throw new FormatException($"byte {pos + 4}: pcapng block length {length} invalid");
            var body = s.Slice(pos + 8, length - 12);
            if (type == 1 && body.Length >= 8) links.Add((U16(body, little), 1e-6));
            else if (type == 6 && body.Length >= 20)
            {
                var iface = (int)U32(body, little);
                if (iface >= links.Count) throw new FormatException($"byte {pos + 8}: packet names interface {iface}, only {links.Count} described");
                var ticks = ((ulong)U32(body[4..], little) << 32) | U32(body[8..], little);
                var captured = (int)U32(body[12..], little);
                if (captured < 0 || captured > body.Length - 20) throw new FormatException($"byte {pos + 20}: pcapng packet length {captured} runs past its block");
                AddUdp(file.Slice(pos + 28, captured), pos + 28, links[iface].Link, ticks * links[iface].Tick, list);
            }
            pos += length;
        }
    }

    private static void AddUdp(ReadOnlyMemory<byte> frame, long offset, int link, double time, List<UdpDatagram> list)
    {
        var f = frame.Span;
        int ip;
        switch (link)
        {
            case 1: // Ethernet, with any 802.1Q tags
                ip = 14;
                if (f.Length < ip) return;
                var etherType = BinaryPrimitives.ReadUInt16BigEndian(f[12..]);
                while (etherType is 0x8100 or 0x88A8 && f.Length >= ip + 4)
                {
                    etherType = BinaryPrimitives.ReadUInt16BigEndian(f[(ip + 2)..]);
                    ip += 4;
                }
                if (etherType is not (0x0800 or 0x86DD)) return;
                break;
            case 113: ip = 16; break; // Linux cooked
            case 0: ip = 4; break; // BSD loopback
            case 101 or 228 or 229: ip = 0; break; // raw IP
            default: return;
        }
        if (f.Length < ip + 20) return;
        int udp;
        var version = f[ip] >> 4;
        if (version == 4)
        {
            if (f[ip + 9] != 17) return;
            if ((BinaryPrimitives.ReadUInt16BigEndian(f[(ip + 6)..]) & 0x3FFF) != 0) return; // fragments other than a whole datagram
            udp = ip + (f[ip] & 0x0F) * 4;
        }
        else if (version == 6)
        {
            if (f.Length < ip + 40 || f[ip + 6] != 17) return;
            udp = ip + 40;
        }
        else return;
        if (f.Length < udp + 8) return;
        var udpLength = BinaryPrimitives.ReadUInt16BigEndian(f[(udp + 4)..]);
        var payload = Math.Min(udpLength - 8, f.Length - udp - 8);
        if (payload < 0) return;
        list.Add(new UdpDatagram(offset + udp + 8, time, BinaryPrimitives.ReadUInt16BigEndian(f[udp..]), BinaryPrimitives.ReadUInt16BigEndian(f[(udp + 2)..]),
            frame.Slice(udp + 8, payload)));
    }

    private static uint U32(ReadOnlySpan<byte> s, bool little) => little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
    private static ushort U16(ReadOnlySpan<byte> s, bool little) => little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
}
