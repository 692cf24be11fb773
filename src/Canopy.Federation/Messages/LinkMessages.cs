namespace Canopy.Federation.Messages;

/// <summary>Link state of a node as it reports itself.</summary>
public enum NodeMode : byte
{
    /// <summary>Linked to the broker and partners.</summary>
    Federated,

    /// <summary>Broker lost: defending alone with its own picture and units.</summary>
    Isolated,

    /// <summary>Link back; waiting for the partners' snapshots before taking the stream again.</summary>
    Resynchronising,
}

/// <summary>Sent by every node every second of wall time and every step: partners detect silence from its absence.</summary>
/// <param name="Tick">The node's last completed world tick.</param>
/// <param name="Time">Simulated time of that tick.</param>
/// <param name="WallUnixMs">Sender's wall clock, Unix milliseconds (for latency figures only, never for decisions).</param>
public sealed record Heartbeat(string Nation, long Tick, double Time, long WallUnixMs, NodeMode Mode);

/// <summary>Asks the partners for their <see cref="StateSnapshot"/> (after a (re)connection).</summary>
public sealed record SnapshotRequest(string Nation, long Tick, double Time);

/// <summary>A node's whole shareable state at one tick: what a partner needs to rebuild its view of this nation.</summary>
public sealed record StateSnapshot(
    string Nation, long Tick, double Time, FrameOrigin Origin, IReadOnlyList<LocalTrackReport> Tracks, IReadOnlyList<FireUnitStatus> Units,
    IReadOnlyList<EngagementClaim> Claims, IReadOnlyList<SupportRequest> OpenRequests);
