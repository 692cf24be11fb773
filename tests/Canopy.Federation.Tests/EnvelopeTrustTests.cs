using System.Security.Cryptography;
using Canopy.Federation.Messages;
using Canopy.Federation.Trust;

namespace Canopy.Federation.Tests;

public sealed class EnvelopeTrustTests : IDisposable
{
    private readonly ECDsa _ua = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _pl = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _intruder = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly EnvelopeVerifier _verifier;

    public EnvelopeTrustTests() => _verifier = new EnvelopeVerifier(new Dictionary<string, ECDsa> { ["UA"] = _ua, ["PL"] = _pl }, maxMessageBytes: 4096);

    public void Dispose()
    {
        _ua.Dispose();
        _pl.Dispose();
        _intruder.Dispose();
    }

    private static Heartbeat Beat(string nation, long tick) => new(nation, tick, tick * 0.5, 0, NodeMode.Federated);

    [Fact]
    public void A_signed_message_round_trips_and_is_accepted_once()
    {
        var signer = new EnvelopeSigner("UA", _ua, TimeProvider.System);
        var bytes = signer.Seal(Beat("UA", 7)).ToBytes();
        var got = _verifier.Verify(bytes, "UA");
        Assert.NotNull(got);
        Assert.Equal(Beat("UA", 7), got.Payload);
        Assert.Null(_verifier.Verify(bytes, "UA")); // the same bytes again: a replay
        Assert.Equal(1, _verifier.Counters.Accepted);
        Assert.Equal(1, _verifier.Counters.Dropped(DropReason.Replayed));
    }

    [Fact]
    public void Sequence_numbers_go_up_and_an_older_message_is_a_replay()
    {
        var signer = new EnvelopeSigner("UA", _ua, TimeProvider.System);
        var first = signer.Seal(Beat("UA", 1)).ToBytes();
        var second = signer.Seal(Beat("UA", 2)).ToBytes();
        Assert.NotNull(_verifier.Verify(second, "UA"));
        Assert.Null(_verifier.Verify(first, "UA"));
        Assert.Equal(1, _verifier.Counters.Dropped(DropReason.Replayed));
    }

    [Fact]
    public void A_message_signed_with_another_key_is_dropped()
    {
        var forger = new EnvelopeSigner("UA", _intruder, TimeProvider.System);
        Assert.Null(_verifier.Verify(forger.Seal(Beat("UA", 1)).ToBytes(), "UA"));
        Assert.Equal(1, _verifier.Counters.Dropped(DropReason.BadSignature));
        Assert.Equal(0, _verifier.Counters.Accepted);
    }

    [Fact]
    public void A_nation_cannot_speak_for_another()
    {
        // PL signs a PL envelope but the broker delivered it through UA's exchange
        var pl = new EnvelopeSigner("PL", _pl, TimeProvider.System);
        Assert.Null(_verifier.Verify(pl.Seal(Beat("PL", 1)).ToBytes(), "UA"));
        // PL's envelope carrying a payload that claims to be UA's
        Assert.Null(_verifier.Verify(pl.Seal(Beat("UA", 1)).ToBytes(), "PL"));
        Assert.Equal(2, _verifier.Counters.Dropped(DropReason.WrongNation));
    }

    [Fact]
    public void Unsigned_unknown_oversized_and_tampered_messages_are_dropped_by_reason()
    {
        var signer = new EnvelopeSigner("UA", _ua, TimeProvider.System);
        var sealedBeat = signer.Seal(Beat("UA", 1));
        Assert.Null(_verifier.Verify((sealedBeat with { Signature = [] }).ToBytes(), "UA"));
        Assert.Null(_verifier.Verify(new EnvelopeSigner("DE", _intruder, TimeProvider.System).Seal(Beat("DE", 1)).ToBytes(), "DE"));
        Assert.Null(_verifier.Verify(new byte[5000], "UA"));
        var tampered = sealedBeat.ToBytes();
        tampered[^70] ^= 1; // a payload byte
        Assert.Null(_verifier.Verify(tampered, "UA"));
        Assert.Equal(1, _verifier.Counters.Dropped(DropReason.Unsigned));
        Assert.Equal(1, _verifier.Counters.Dropped(DropReason.UnknownNation));
        Assert.Equal(1, _verifier.Counters.Dropped(DropReason.Oversized));
        Assert.Equal(1, _verifier.Counters.Dropped(DropReason.BadSignature));
        Assert.NotNull(_verifier.Verify(sealedBeat.ToBytes(), "UA")); // the genuine one still passes
    }

    [Fact]
    public void Garbage_of_every_length_is_counted_as_malformed_and_never_throws()
    {
        var random = new Random(13);
        for (var n = 0; n < 300; n++)
        {
            var bytes = new byte[random.Next(0, 400)];
            random.NextBytes(bytes);
            if (bytes.Length > 4 && n % 2 == 0) "CNPY"u8.CopyTo(bytes); // half with the magic, to reach the deeper checks
            Assert.Null(_verifier.Verify(bytes, null));
        }
        Assert.Equal(300, _verifier.Counters.DroppedTotal);
        Assert.Equal(0, _verifier.Counters.Accepted);
    }

    [Fact]
    public void A_signed_payload_of_the_wrong_shape_is_malformed()
    {
        // correctly signed by UA, but a track batch whose track has 5 state values
        var batch = new LocalTrackBatch("UA", 1, 0.5, new FrameOrigin(50, 30, 0),
            [new LocalTrackReport("UA", 1, 0.5, new double[5], new double[36], "Drone", 0.9, true, 0.5)]);
        var signer = new EnvelopeSigner("UA", _ua, TimeProvider.System);
        Assert.Null(_verifier.Verify(signer.Seal(batch).ToBytes(), "UA"));
        Assert.Equal(1, _verifier.Counters.Dropped(DropReason.Malformed));
    }

    private static EngagementClaim Claim(double[]? velocity) => new("UA", "UA-GUN-1", "UA:3", ["UA:3", "PL:7"], 2.0, 31.25,
        [1200.5, -3400.25, 150], 2, 0.7, false, 62, true, 20_000, velocity);

    [Fact]
    public void A_claim_carries_its_intercept_point_and_target_velocity_and_a_wrong_velocity_is_malformed()
    {
        var signer = new EnvelopeSigner("UA", _ua, TimeProvider.System);
        var good = new EngagementClaimBatch("UA", 4, 2.0, [Claim([-41.5, 12.125, 0.1 + 0.2])], ClaimPhase.Fired);
        var got = (EngagementClaimBatch)_verifier.Verify(signer.Seal(good).ToBytes(), "UA")!.Payload;
        Assert.Equal([1200.5, -3400.25, 150], got.Claims[0].InterceptPoint);
        Assert.Equal([-41.5, 12.125, 0.1 + 0.2], got.Claims[0].TargetVelocity!);
        var unknown = new EngagementClaimBatch("UA", 5, 2.5, [Claim(null)], ClaimPhase.Fired);
        Assert.Null(((EngagementClaimBatch)_verifier.Verify(signer.Seal(unknown).ToBytes(), "UA")!.Payload).Claims[0].TargetVelocity);
        Assert.Null(_verifier.Verify(signer.Seal(good with { Tick = 6, Claims = [Claim([1, 2])] }).ToBytes(), "UA"));
        Assert.Null(_verifier.Verify(signer.Seal(good with { Tick = 7, Claims = [Claim([1, double.NaN, 2])] }).ToBytes(), "UA"));
        Assert.Equal(2, _verifier.Counters.Accepted);
        Assert.Equal(2, _verifier.Counters.Dropped(DropReason.Malformed));
    }

    [Fact]
    public void A_track_report_without_a_finite_last_update_time_is_malformed()
    {
        var batch = new LocalTrackBatch("UA", 1, 0.5, new FrameOrigin(50, 30, 0),
            [new LocalTrackReport("UA", 1, 0.5, new double[6], new double[36], "Drone", 0.9, true, double.NaN)]);
        var signer = new EnvelopeSigner("UA", _ua, TimeProvider.System);
        Assert.Null(_verifier.Verify(signer.Seal(batch).ToBytes(), "UA"));
        Assert.Equal(1, _verifier.Counters.Dropped(DropReason.Malformed));
    }

    [Fact]
    public void Keys_are_created_once_and_partners_are_those_with_a_public_key()
    {
        var folder = Path.Combine(Path.GetTempPath(), "canopy-keys-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var keys = new NationKeys(folder);
            using var ua = keys.LoadOrCreatePrivate("UA");
            using var again = keys.LoadOrCreatePrivate("UA");
            Assert.Equal(ua.ExportSubjectPublicKeyInfo(), again.ExportSubjectPublicKeyInfo());
            using var pl = keys.LoadOrCreatePrivate("PL");
            var partners = keys.LoadPublicKeys();
            Assert.Equal(["PL", "UA"], partners.Keys.Order());
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys.PrivatePath("UA")));
            var verifier = new EnvelopeVerifier(partners);
            Assert.NotNull(verifier.Verify(new EnvelopeSigner("PL", pl, TimeProvider.System).Seal(Beat("PL", 3)).ToBytes(), "PL"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Plots_with_nan_fields_survive_the_wire_bit_for_bit()
    {
        var tick = new WorldTick("UA", 3, 1.5, [new PlotRecord(4, 1.5, 1, double.NaN, 0.1 + 0.2, double.NaN, double.NaN),
            new PlotRecord(2, 1.5, 0, 12345.678901234567, -3.0e-17, 1e300, 12.5)], [], [], false);
        var back = (WorldTick)MessageCodec.TryDecode(PayloadType.WorldTick, MessageCodec.Encode(tick))!;
        Assert.Equal(tick.Plots, back.Plots);
    }
}
