using System.Text.Json;

namespace Canopy.Federation.Messages;

/// <summary>
/// Payloads as UTF-8 JSON (camelCase). <see cref="TryDecode"/> never throws on bad input: it returns null for bytes that are not
/// the named record, and the caller counts the message as malformed.
/// </summary>
public static class MessageCodec
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { MaxDepth = 16 };

    public static PayloadType TypeOf(object payload) => payload switch
    {
        Heartbeat => PayloadType.Heartbeat,
        LocalTrackBatch => PayloadType.LocalTracks,
        FireUnitBatch => PayloadType.FireUnits,
        EngagementClaimBatch => PayloadType.EngagementClaims,
        SupportRequest => PayloadType.SupportRequest,
        SupportReply => PayloadType.SupportReply,
        SnapshotRequest => PayloadType.SnapshotRequest,
        StateSnapshot => PayloadType.StateSnapshot,
        WorldTick => PayloadType.WorldTick,
        TickDone => PayloadType.TickDone,
        _ => throw new ArgumentException($"{payload.GetType().Name} is not a federation message", nameof(payload)),
    };

    public static Type ClrType(PayloadType type) => type switch
    {
        PayloadType.Heartbeat => typeof(Heartbeat),
        PayloadType.LocalTracks => typeof(LocalTrackBatch),
        PayloadType.FireUnits => typeof(FireUnitBatch),
        PayloadType.EngagementClaims => typeof(EngagementClaimBatch),
        PayloadType.SupportRequest => typeof(SupportRequest),
        PayloadType.SupportReply => typeof(SupportReply),
        PayloadType.SnapshotRequest => typeof(SnapshotRequest),
        PayloadType.StateSnapshot => typeof(StateSnapshot),
        PayloadType.WorldTick => typeof(WorldTick),
        PayloadType.TickDone => typeof(TickDone),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown payload type"),
    };

    public static bool IsKnown(PayloadType type) => Enum.IsDefined(type);

    public static byte[] Encode(object payload) => JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), Options);

    /// <summary>The payload, or null when the bytes are not valid JSON of the type's record (or the type is unknown).</summary>
    public static object? TryDecode(PayloadType type, ReadOnlySpan<byte> bytes)
    {
        if (!IsKnown(type)) return null;
        try
        {
            return JsonSerializer.Deserialize(bytes, ClrType(type), Options);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
