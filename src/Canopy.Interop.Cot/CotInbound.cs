using System.Net;
using Canopy.Core.Geodesy;

namespace Canopy.Interop.Cot;

/// <summary>A friendly unit's reported position (from an <c>a-f-G...</c> event), for the effector it names.</summary>
/// <param name="Uid">The event's uid.</param>
/// <param name="Callsign">The contact callsign, if any (shown, never used to find the unit).</param>
/// <param name="Source">The address the report came from, when known.</param>
public sealed record FriendlyPositionUpdate(string Uid, string? Callsign, Geodetic Position, DateTime Time, string Type, IPAddress? Source = null);

/// <summary>
/// One received message: a friendly position update, another event (not a friendly ground unit, passed on as is), or
/// an error saying what was wrong and where.
/// </summary>
public sealed record CotInbound(FriendlyPositionUpdate? Update, CotEvent? Event, CotError? Error)
{
    /// <summary>Decodes one datagram or stream message: CoT XML, or a TAK mesh message (starts with 0xBF). Never throws.</summary>
    public static CotInbound Parse(ReadOnlySpan<byte> bytes)
    {
        CotError? error;
        var e = bytes.Length > 0 && bytes[0] == TakProtobuf.Magic
            ? TakProtobuf.ParseMesh(bytes, out error)
            : CotXmlReader.Parse(bytes, out error);
        return e is null ? new CotInbound(null, null, error) : FromEvent(e);
    }

    /// <summary>The message of an event: a position update for a friendly ground unit; an error when its point is out of range.</summary>
    public static CotInbound FromEvent(CotEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!e.Type.StartsWith(CotTypes.FriendlyGroundPrefix, StringComparison.Ordinal)) return new CotInbound(null, e, null);
        if (!Geodetic.TryFromDegrees(e.LatitudeDeg, e.LongitudeDeg, e.HaeM, out var position))
            return new CotInbound(null, null, new CotError(CotXmlReader.PointError(e) ?? "the point is out of range", 0));
        return new CotInbound(new FriendlyPositionUpdate(e.Uid, e.Detail.Callsign, position, e.Time, e.Type), e, null);
    }

    /// <summary>This message as received from <paramref name="source"/>.</summary>
    public CotInbound From(IPAddress? source) => Update is null ? this : this with { Update = Update with { Source = source } };
}
