using System.Buffers.Binary;
using System.Text;
using Canopy.Federation.Messages;

namespace Canopy.Federation.Trust;

/// <summary>
/// One signed message as it travels: the sending nation, its sequence number (strictly increasing per sender), the sender's
/// wall clock, the payload's type and bytes, and the nation's ECDSA P-256 signature (SHA-256, IEEE P1363, 64 bytes) over
/// everything before the signature.
/// </summary>
/// <remarks>
/// Wire form (big-endian): "CNPY", version 1, nation length (1) and ASCII nation, sequence (8), sent Unix ms (8), payload type (1),
/// payload length (4) and payload, signature length (1) and signature.
/// </remarks>
public sealed record Envelope(string Nation, long Sequence, long SentUnixMs, PayloadType Type, byte[] Payload, byte[] Signature)
{
    public const byte Version = 1;
    public const int SignatureSize = 64;
    private static ReadOnlySpan<byte> Magic => "CNPY"u8;

    /// <summary>The bytes the signature covers (header and payload) for these fields.</summary>
    public static byte[] SignedBytes(string nation, long sequence, long sentUnixMs, PayloadType type, ReadOnlySpan<byte> payload)
    {
        var n = Encoding.ASCII.GetBytes(nation);
        var bytes = new byte[4 + 1 + 1 + n.Length + 8 + 8 + 1 + 4 + payload.Length];
        var s = bytes.AsSpan();
        Magic.CopyTo(s);
        s[4] = Version;
        s[5] = (byte)n.Length;
        n.CopyTo(s[6..]);
        var o = 6 + n.Length;
        BinaryPrimitives.WriteInt64BigEndian(s[o..], sequence);
        BinaryPrimitives.WriteInt64BigEndian(s[(o + 8)..], sentUnixMs);
        s[o + 16] = (byte)type;
        BinaryPrimitives.WriteInt32BigEndian(s[(o + 17)..], payload.Length);
        payload.CopyTo(s[(o + 21)..]);
        return bytes;
    }

    public byte[] ToBytes()
    {
        var signed = SignedBytes(Nation, Sequence, SentUnixMs, Type, Payload);
        return [.. signed, (byte)Signature.Length, .. Signature];
    }

    /// <summary>Reads an envelope; on bad bytes returns null with the problem (never throws).</summary>
    public static Envelope? TryParse(ReadOnlySpan<byte> bytes, out string problem, out int signedLength)
    {
        signedLength = 0;
        problem = "";
        if (bytes.Length < 6 || !bytes[..4].SequenceEqual(Magic)) return Fail(out problem, "no CNPY magic at byte 0");
        if (bytes[4] != Version) return Fail(out problem, $"version {bytes[4]} at byte 4 (expected {Version})");
        int n = bytes[5];
        if (n is < 2 or > 3) return Fail(out problem, $"nation length {n} at byte 5 (expected 2 or 3)");
        var o = 6 + n;
        if (bytes.Length < o + 21) return Fail(out problem, $"truncated header ({bytes.Length} bytes)");
        var nation = Encoding.ASCII.GetString(bytes.Slice(6, n));
        if (!nation.All(c => c is >= 'A' and <= 'Z')) return Fail(out problem, "nation at byte 6 is not 2 or 3 capital letters");
        var sequence = BinaryPrimitives.ReadInt64BigEndian(bytes[o..]);
        var sent = BinaryPrimitives.ReadInt64BigEndian(bytes[(o + 8)..]);
        var type = (PayloadType)bytes[o + 16];
        var length = BinaryPrimitives.ReadInt32BigEndian(bytes[(o + 17)..]);
        var start = o + 21;
        if (length < 0 || length > bytes.Length - start - 1) return Fail(out problem, $"payload length {length} at byte {o + 17} exceeds the message");
        signedLength = start + length;
        int sigLength = bytes[signedLength];
        if (bytes.Length != signedLength + 1 + sigLength)
            return Fail(out problem, $"signature length {sigLength} at byte {signedLength} does not end the message ({bytes.Length} bytes)");
        return new Envelope(nation, sequence, sent, type, bytes.Slice(start, length).ToArray(), bytes[(signedLength + 1)..].ToArray());
    }

    private static Envelope? Fail(out string problem, string what)
    {
        problem = what;
        return null;
    }
}
