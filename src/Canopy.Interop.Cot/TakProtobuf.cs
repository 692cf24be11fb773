using System.Text;
using System.Xml;
using System.Xml.Linq;
using Google.Protobuf;

namespace Canopy.Interop.Cot;

/// <summary>
/// TAK protocol version 1 (Proto/takmessage.proto): a TakMessage holding one CotEvent, written field by field with
/// Google.Protobuf's CodedOutputStream and read back with CodedInputStream. The contact and track details travel as
/// typed messages, link and remarks as xmlDetail. Framing: <see cref="Mesh"/> for UDP, <see cref="Stream"/> for TCP.
/// </summary>
public static class TakProtobuf
{
    /// <summary>The magic byte that starts every TAK protocol header.</summary>
    public const byte Magic = 0xBF;

    private const int TakMessageCotEvent = 2;
    private const int DetailXml = 1, DetailContact = 2, DetailTrack = 7;

    /// <summary>A UDP (mesh) datagram: 0xBF 0x01 0xBF then the TakMessage.</summary>
    public static byte[] Mesh(CotEvent e) => Encode(e, Framing.Mesh);

    /// <summary>A TCP stream frame: 0xBF, the message length as a varint, then the TakMessage.</summary>
    public static byte[] Stream(CotEvent e) => Encode(e, Framing.Stream);

    /// <summary>The bare TakMessage (no header), as protoc --decode reads it.</summary>
    public static byte[] Message(CotEvent e) => Encode(e, Framing.None);

    private enum Framing { None, Mesh, Stream }

    private static byte[] Encode(CotEvent e, Framing framing)
    {
        var xml = XmlDetail(e.Detail);
        var size = MessageSize(e, xml);
        var header = framing switch
        {
            Framing.Mesh => 3,
            Framing.Stream => 1 + CodedOutputStream.ComputeLengthSize(size),
            _ => 0,
        };
        var buffer = new byte[header + size];
        var o = new CodedOutputStream(buffer);
        if (framing == Framing.Mesh) o.WriteRawTag(Magic, 1, Magic);
        if (framing == Framing.Stream)
        {
            o.WriteRawTag(Magic);
            o.WriteLength(size);
        }
        o.WriteTag(TakMessageCotEvent, WireFormat.WireType.LengthDelimited);
        o.WriteLength(EventSize(e, xml));
        WriteEvent(o, e, xml);
        o.Flush();
        o.CheckNoSpaceLeft();
        return buffer;
    }

    private static int MessageSize(CotEvent e, string xml)
    {
        var n = EventSize(e, xml);
        return 1 + CodedOutputStream.ComputeLengthSize(n) + n;
    }

    private static int EventSize(CotEvent e, string xml)
    {
        var n = StringField(e.Type) + StringField(e.Uid) + StringField(e.How)
            + 3 + CodedOutputStream.ComputeUInt64Size(Millis(e.Time)) + CodedOutputStream.ComputeUInt64Size(Millis(e.Start))
            + CodedOutputStream.ComputeUInt64Size(Millis(e.Stale))
            + 5 * 9; // five doubles: a one-byte tag and eight bytes each
        var d = DetailSize(e.Detail, xml);
        return d > 0 ? n + 1 + CodedOutputStream.ComputeLengthSize(d) + d : n;
    }

    private static void WriteEvent(CodedOutputStream o, CotEvent e, string xml)
    {
        o.WriteTag(1, WireFormat.WireType.LengthDelimited);
        o.WriteString(e.Type);
        o.WriteTag(5, WireFormat.WireType.LengthDelimited);
        o.WriteString(e.Uid);
        o.WriteTag(6, WireFormat.WireType.Varint);
        o.WriteUInt64(Millis(e.Time));
        o.WriteTag(7, WireFormat.WireType.Varint);
        o.WriteUInt64(Millis(e.Start));
        o.WriteTag(8, WireFormat.WireType.Varint);
        o.WriteUInt64(Millis(e.Stale));
        o.WriteTag(9, WireFormat.WireType.LengthDelimited);
        o.WriteString(e.How);
        WriteDouble(o, 10, e.LatitudeDeg);
        WriteDouble(o, 11, e.LongitudeDeg);
        WriteDouble(o, 12, e.HaeM);
        WriteDouble(o, 13, e.CeM);
        WriteDouble(o, 14, e.LeM);
        var d = DetailSize(e.Detail, xml);
        if (d == 0) return;
        o.WriteTag(15, WireFormat.WireType.LengthDelimited);
        o.WriteLength(d);
        if (xml.Length > 0)
        {
            o.WriteTag(DetailXml, WireFormat.WireType.LengthDelimited);
            o.WriteString(xml);
        }
        if (e.Detail.Callsign is { } callsign)
        {
            o.WriteTag(DetailContact, WireFormat.WireType.LengthDelimited);
            o.WriteLength(StringField(callsign));
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString(callsign);
        }
        if (e.Detail.Track is { } t)
        {
            o.WriteTag(DetailTrack, WireFormat.WireType.LengthDelimited);
            o.WriteLength(18);
            WriteDouble(o, 1, t.SpeedMps);
            WriteDouble(o, 2, t.CourseDeg);
        }
    }

    private static int DetailSize(CotDetail d, string xml)
    {
        var n = xml.Length > 0 ? StringField(xml) : 0;
        if (d.Callsign is { } c)
        {
            var contact = StringField(c);
            n += 1 + CodedOutputStream.ComputeLengthSize(contact) + contact;
        }
        if (d.Track is not null) n += 1 + 1 + 18;
        return n;
    }

    private static int StringField(string s) => 1 + CodedOutputStream.ComputeStringSize(s);

    private static void WriteDouble(CodedOutputStream o, int field, double value)
    {
        o.WriteTag(field, WireFormat.WireType.Fixed64);
        o.WriteDouble(value);
    }

    private static string XmlDetail(CotDetail d)
    {
        if (d.LinkUid is null && d.Remarks is null) return "";
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(sb, new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment }))
            CotXmlWriter.WriteXmlOnlyDetail(w, d);
        return sb.ToString();
    }

    /// <summary>Milliseconds since 1970-01-01T00:00:00Z (TAK's timeMs).</summary>
    public static ulong Millis(DateTime t) => (ulong)Math.Max(0, (t.ToUniversalTime() - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond);

    /// <summary>
    /// Reads a TAK mesh datagram (0xBF 0x01 0xBF + TakMessage) back into an event; bad bytes give an error with the byte
    /// offset, never an exception.
    /// </summary>
    public static CotEvent? ParseMesh(ReadOnlySpan<byte> datagram, out CotError? error)
    {
        if (datagram.Length < 3 || datagram[0] != Magic || datagram[2] != Magic)
        {
            error = new CotError("not a TAK mesh header (0xBF 0x01 0xBF)", 0);
            return null;
        }
        if (datagram[1] != 1)
        {
            error = new CotError($"TAK protocol version {datagram[1]} is not supported (only 1)", 1);
            return null;
        }
        return ParseMessage(datagram[3..], 3, out error);
    }

    /// <summary>Reads a bare TakMessage; <paramref name="baseOffset"/> is added to the byte offsets of errors.</summary>
    public static CotEvent? ParseMessage(ReadOnlySpan<byte> message, long baseOffset, out CotError? error)
    {
        var input = new CodedInputStream(message.ToArray());
        try
        {
            CotEvent? result = null;
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(tag) == TakMessageCotEvent && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                    result = ReadEvent(input.ReadBytes().ToByteArray());
                else
                    input.SkipLastField();
            }
            error = result is null ? new CotError("the TakMessage holds no cotEvent", baseOffset + message.Length)
                : CotXmlReader.PointError(result) is { } bad ? new CotError(bad, baseOffset)
                : null;
            return error is null ? result : null;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or XmlException or ArgumentException or OverflowException)
        {
            error = new CotError(ex.Message, baseOffset + input.Position);
            return null;
        }
    }

    private static CotEvent ReadEvent(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        string type = "", uid = "", how = "";
        ulong time = 0, start = 0, stale = 0;
        double lat = 0, lon = 0, hae = 0, ce = 0, le = 0;
        var detail = CotDetail.Empty;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: type = input.ReadString(); break;
                case 5: uid = input.ReadString(); break;
                case 6: time = input.ReadUInt64(); break;
                case 7: start = input.ReadUInt64(); break;
                case 8: stale = input.ReadUInt64(); break;
                case 9: how = input.ReadString(); break;
                case 10: lat = input.ReadDouble(); break;
                case 11: lon = input.ReadDouble(); break;
                case 12: hae = input.ReadDouble(); break;
                case 13: ce = input.ReadDouble(); break;
                case 14: le = input.ReadDouble(); break;
                case 15: detail = ReadDetail(input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }
        return new CotEvent(type, uid, FromMillis(time), FromMillis(start), FromMillis(stale), how, lat, lon, hae, ce, le, detail);
    }

    private static CotDetail ReadDetail(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        var detail = CotDetail.Empty;
        string? callsign = null;
        CotTrack? track = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case DetailXml:
                    detail = CotXmlReader.ReadDetail(XElement.Parse("<detail>" + input.ReadString() + "</detail>"));
                    break;
                case DetailContact: callsign = ReadStringField(input.ReadBytes().ToByteArray(), 2); break;
                case DetailTrack: track = ReadTrack(input.ReadBytes().ToByteArray()); break;
                default: input.SkipLastField(); break;
            }
        }
        return detail with { Callsign = callsign ?? detail.Callsign, Track = track ?? detail.Track };
    }

    private static string? ReadStringField(byte[] bytes, int field)
    {
        var input = new CodedInputStream(bytes);
        string? value = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == field) value = input.ReadString();
            else input.SkipLastField();
        }
        return value;
    }

    private static CotTrack ReadTrack(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        double speed = 0, course = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: speed = input.ReadDouble(); break;
                case 2: course = input.ReadDouble(); break;
                default: input.SkipLastField(); break;
            }
        }
        return new CotTrack(course, speed);
    }

    private static DateTime FromMillis(ulong ms) => DateTime.UnixEpoch.AddTicks((long)Math.Min(ms, 253402300799999UL) * TimeSpan.TicksPerMillisecond);
}
