using System.Security.Cryptography;
using Canopy.Federation.Messages;

namespace Canopy.Federation.Trust;

/// <summary>A message that passed every check: its nation, sequence and decoded payload.</summary>
public sealed record VerifiedMessage(string Nation, long Sequence, long SentUnixMs, PayloadType Type, object Payload);

/// <summary>
/// Checks received bytes: size limit, envelope form, a configured nation, the nation the broker delivered it for, the
/// signature with that nation's public key, a sequence number above the last accepted from the nation, a payload that is its
/// type's record and names the same nation. Anything else is dropped and counted; nothing throws.
/// </summary>
public sealed class EnvelopeVerifier(IReadOnlyDictionary<string, ECDsa> publicKeys, int maxMessageBytes = EnvelopeVerifier.DefaultMaxMessageBytes)
{
    /// <summary>16 MiB: a full picture snapshot of a few thousand tracks fits.</summary>
    public const int DefaultMaxMessageBytes = 16 << 20;

    private readonly Dictionary<string, long> _lastSequence = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public TrustCounters Counters { get; } = new();

    /// <summary>The message, or null when dropped (counted in <see cref="Counters"/>).</summary>
    /// <param name="deliveredFor">The nation the broker vouches for (from the exchange it came through and the broker's
    /// user-id check); null when the transport does not tell.</param>
    public VerifiedMessage? Verify(ReadOnlySpan<byte> bytes, string? deliveredFor)
    {
        if (bytes.Length > maxMessageBytes) return Drop(DropReason.Oversized);
        if (Envelope.TryParse(bytes, out _, out var signedLength) is not { } e) return Drop(DropReason.Malformed);
        if (deliveredFor is not null && e.Nation != deliveredFor) return Drop(DropReason.WrongNation);
        if (!publicKeys.TryGetValue(e.Nation, out var key)) return Drop(DropReason.UnknownNation);
        if (e.Signature.Length == 0) return Drop(DropReason.Unsigned);
        if (e.Signature.Length != Envelope.SignatureSize || !key.VerifyData(bytes[..signedLength], e.Signature, HashAlgorithmName.SHA256))
            return Drop(DropReason.BadSignature);
        if (MessageCodec.TryDecode(e.Type, e.Payload) is not { } payload) return Drop(DropReason.Malformed);
        if (MessageCodec.NationOf(payload) != e.Nation) return Drop(DropReason.WrongNation);
        lock (_gate)
        {
            if (_lastSequence.TryGetValue(e.Nation, out var last) && e.Sequence <= last) return Drop(DropReason.Replayed);
            _lastSequence[e.Nation] = e.Sequence;
        }
        Counters.Accept();
        return new VerifiedMessage(e.Nation, e.Sequence, e.SentUnixMs, e.Type, payload);
    }

    private VerifiedMessage? Drop(DropReason reason)
    {
        Counters.Drop(reason);
        return null;
    }
}
