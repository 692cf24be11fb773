namespace Canopy.Federation.Trust;

/// <summary>Why a received message was dropped.</summary>
public enum DropReason
{
    /// <summary>Not an envelope, or a payload that is not its type's record.</summary>
    Malformed,

    /// <summary>Bigger than the size limit.</summary>
    Oversized,

    /// <summary>No signature.</summary>
    Unsigned,

    /// <summary>A signature that the nation's public key does not verify.</summary>
    BadSignature,

    /// <summary>A sequence number not above the last accepted from that nation (a replay or a duplicate).</summary>
    Replayed,

    /// <summary>The envelope's nation is not the one the broker delivered it for (exchange, broker user) or the payload names another.</summary>
    WrongNation,

    /// <summary>A nation without a configured public key.</summary>
    UnknownNation,
}

/// <summary>Counts of received messages: accepted, and dropped by reason. Thread-safe.</summary>
public sealed class TrustCounters
{
    private readonly long[] _dropped = new long[Enum.GetValues<DropReason>().Length];
    private long _accepted;

    public long Accepted => Interlocked.Read(ref _accepted);
    public long Dropped(DropReason reason) => Interlocked.Read(ref _dropped[(int)reason]);
    public long DroppedTotal => Enum.GetValues<DropReason>().Sum(Dropped);

    internal void Accept() => Interlocked.Increment(ref _accepted);
    internal void Drop(DropReason reason) => Interlocked.Increment(ref _dropped[(int)reason]);

    /// <summary>Reason name to count, for status pages.</summary>
    public IReadOnlyDictionary<string, long> Snapshot()
    {
        var d = new Dictionary<string, long>(StringComparer.Ordinal) { ["accepted"] = Accepted };
        foreach (var r in Enum.GetValues<DropReason>()) d[r.ToString()] = Dropped(r);
        return d;
    }

    public override string ToString() =>
        $"accepted {Accepted}, dropped {DroppedTotal} ({string.Join(", ", Enum.GetValues<DropReason>().Select(r => $"{r} {Dropped(r)}"))})";
}
