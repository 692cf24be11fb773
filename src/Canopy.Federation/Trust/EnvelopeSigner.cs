using System.Security.Cryptography;
using Canopy.Federation.Messages;

namespace Canopy.Federation.Trust;

/// <summary>
/// Seals one nation's messages: encodes the payload, numbers it and signs it. Sequence numbers start at the wall clock's
/// microseconds since 1970 and go up by one per message, so a restarted sender keeps above its last run's numbers
/// (receivers drop anything not above the last one they accepted).
/// </summary>
public sealed class EnvelopeSigner
{
    private readonly ECDsa _key;
    private readonly TimeProvider _clock;
    private long _sequence;

    public EnvelopeSigner(string nation, ECDsa key, TimeProvider clock)
    {
        if (!NationKeys.NationCode().IsMatch(nation)) throw new ArgumentException($"'{nation}' is not a nation code", nameof(nation));
        Nation = nation;
        _key = key;
        _clock = clock;
        _sequence = clock.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
    }

    public string Nation { get; }

    public Envelope Seal(object payload)
    {
        var type = MessageCodec.TypeOf(payload);
        var bytes = MessageCodec.Encode(payload);
        var sequence = Interlocked.Increment(ref _sequence);
        var sent = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var signature = _key.SignData(Envelope.SignedBytes(Nation, sequence, sent, type, bytes), HashAlgorithmName.SHA256);
        return new Envelope(Nation, sequence, sent, type, bytes, signature);
    }
}
