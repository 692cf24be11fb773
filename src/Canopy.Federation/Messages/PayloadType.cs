namespace Canopy.Federation.Messages;

/// <summary>What an envelope carries; the routing key's last word and the byte in the envelope.</summary>
public enum PayloadType : byte
{
    Heartbeat = 1,
    LocalTracks = 2,
    FireUnits = 3,
    EngagementClaims = 4,
    SupportRequest = 5,
    SupportReply = 6,
    SnapshotRequest = 7,
    StateSnapshot = 8,
    WorldTick = 9,
    TickDone = 10,
}
