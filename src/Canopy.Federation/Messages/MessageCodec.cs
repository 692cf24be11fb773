using System.Text.Json;
using System.Text.Json.Serialization;

namespace Canopy.Federation.Messages;

/// <summary>
/// Payloads as UTF-8 JSON (camelCase). <see cref="TryDecode"/> never throws on bad input: it returns null for bytes that are not
/// the named record, and the caller counts the message as malformed.
/// </summary>
public static class MessageCodec
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = 16,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // NaN: a bearing plot's range, an absent range rate
    };

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

    /// <summary>The nation a payload speaks for (its sender): the world speaks as <see cref="WorldNation"/>.</summary>
    public static string NationOf(object payload) => payload switch
    {
        Heartbeat m => m.Nation,
        LocalTrackBatch m => m.Nation,
        FireUnitBatch m => m.Nation,
        EngagementClaimBatch m => m.Nation,
        SupportRequest m => m.FromNation,
        SupportReply m => m.FromNation,
        SnapshotRequest m => m.Nation,
        StateSnapshot m => m.Nation,
        WorldTick => WorldNation,
        TickDone m => m.Nation,
        _ => "",
    };

    /// <summary>The nation code the simulated world signs with (it owns no unit).</summary>
    public const string WorldNation = "WLD";

    public static bool IsKnown(PayloadType type) => Enum.IsDefined(type);

    public static byte[] Encode(object payload) => JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), Options);

    /// <summary>The payload, or null when the bytes are not valid JSON of the type's record, not of its shape (<see cref="MessageShape"/>), or the type is unknown.</summary>
    public static object? TryDecode(PayloadType type, ReadOnlySpan<byte> bytes)
    {
        if (!IsKnown(type)) return null;
        try
        {
            return JsonSerializer.Deserialize(bytes, ClrType(type), Options) is { } payload && MessageShape.IsWellFormed(payload) ? payload : null;
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
