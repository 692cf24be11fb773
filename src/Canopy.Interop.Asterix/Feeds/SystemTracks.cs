using System.Net;
using System.Net.Sockets;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>
/// Canopy's tracks as CAT062 system tracks: I105 WGS-84 position, I100 east/north of the frame origin (the system reference point),
/// I185 velocity east/north, I130 geometric altitude, I080 with CNF set for tentative tracks, I070 time of track information.
/// </summary>
public static class SystemTracks
{
    public static Cat062Record ToRecord(int trackNumber, bool confirmed, double timeOfDay, Vec3 enu, Vec3 velocity, LocalFrame frame, DataSource source)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var g = frame.ToGeodetic(enu);
        return new Cat062Record
        {
            Items = Cat062Items.I010 | Cat062Items.I070 | Cat062Items.I105 | Cat062Items.I100 | Cat062Items.I185 | Cat062Items.I040 |
                    Cat062Items.I080 | Cat062Items.I130,
            Source = source,
            TimeOfTrack = (int)(Math.Round(timeOfDay * 128) % (Units.Day * 128)),
            Latitude = (int)Math.Round(g.LatitudeDeg / (180.0 / (1 << 25))),
            Longitude = (int)Math.Round(g.LongitudeDeg / (180.0 / (1 << 25))),
            X = (int)Math.Clamp(Math.Round(enu.X / 0.5), -(1 << 23), (1 << 23) - 1),
            Y = (int)Math.Clamp(Math.Round(enu.Y / 0.5), -(1 << 23), (1 << 23) - 1),
            Vx = (short)Math.Clamp(Math.Round(velocity.X / 0.25), short.MinValue, short.MaxValue),
            Vy = (short)Math.Clamp(Math.Round(velocity.Y / 0.25), short.MinValue, short.MaxValue),
            TrackNumber = (ushort)trackNumber,
            TrackStatus = new ExtensibleBits(confirmed ? 0UL : 0b10, 1),
            GeometricAltitude = (short)Math.Clamp(Math.Round(g.HeightM / Units.Foot / 6.25), short.MinValue, short.MaxValue),
        };
    }
}

/// <summary>Sends CAT062 system tracks over UDP, one datagram (of several blocks if needed) per update.</summary>
public sealed class SystemTrackSender(IPEndPoint target) : IDisposable
{
    private const int MaxDatagram = 60_000;
    private readonly Socket _socket = new(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[] _buffer = new byte[MaxDatagram + 1024];

    public long Datagrams { get; private set; }
    public long Tracks { get; private set; }

    public void Send(ReadOnlySpan<Cat062Record> tracks)
    {
        var w = new AsterixWriter(_buffer);
        foreach (var t in tracks)
        {
            if (w.Position == 0) w.BeginBlock(Cat062Codec.Category);
            Cat062Codec.Encode(t, ref w);
            Tracks++;
            if (w.Position <= MaxDatagram) continue;
            w.EndBlock();
            SendWritten(ref w);
        }
        if (w.Position == 0) return;
        w.EndBlock();
        SendWritten(ref w);
    }

    private void SendWritten(ref AsterixWriter w)
    {
        _socket.SendTo(w.Written, SocketFlags.None, target);
        Datagrams++;
        w = new AsterixWriter(_buffer);
    }

    public void Dispose() => _socket.Dispose();
}
