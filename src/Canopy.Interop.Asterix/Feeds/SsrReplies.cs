using Canopy.Core.Geodesy;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.ThreatEvaluation;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>
/// IFF replies as CAT048 SSR-only target reports of the interrogating radar and back: I020 TYP 2 (single SSR detection), I040
/// the reply's range and bearing from the radar's antenna, I070 its Mode 3/A code (validated, not garbled, from this scan), I090
/// its Mode C altitude as a flight level (the reply's height above the ellipsoid; no QNH correction), I140 its time of day.
/// CAT048 1.31 has no Mode 5 item in Canopy's codec (Mode 5 travels in the Reserved Expansion Field, which Canopy neither writes
/// nor reads), so a reply carries no "valid Mode 5": a Mode-5-only reply (no code) is not sent, and over ASTERIX only a friendly
/// Mode 3/A code identifies a friend. The reply's position error is not on the wire either: decoded replies have none, so the
/// IFF correlator's gate is its minimum (2 km horizontally by default).
/// </summary>
public sealed class SsrReplies
{
    private readonly LocalFrame _common;
    private readonly Dictionary<DataSource, LocalFrame> _radars;

    /// <param name="common">The common ENU frame replies are given in.</param>
    public SsrReplies(IReadOnlyList<RadarSite> sites, LocalFrame common)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(common);
        _common = common;
        _radars = sites.ToDictionary(s => s.Source, s => new LocalFrame(s.Antenna));
    }

    /// <summary>Whether a CAT048 report is an SSR-only reply with a Mode 3/A code (what <see cref="Decode"/> reads).</summary>
    public static bool IsReply(in Cat048Record record) =>
        record.Has(Cat048Items.I020) && record.DetectionType == 2 && record.Has(Cat048Items.I070) && record.Has(Cat048Items.I040);

    /// <summary>A reply as heard by the radar of <paramref name="site"/>; false for a reply without a Mode 3/A code.</summary>
    public bool TryEncode(in IffReply reply, RadarSite site, double timeOfDay, out Cat048Record record)
    {
        ArgumentNullException.ThrowIfNull(site);
        record = default;
        if (reply.Mode3A is < 0 or > 0xFFF || !_radars.TryGetValue(site.Source, out var radar)) return false;
        var ecef = _common.EnuToEcef(reply.Position);
        var (range, azimuth, _) = LocalFrame.ToPolar(radar.EcefToEnu(ecef));
        var height = Wgs84.ToGeodetic(ecef).HeightM;
        record = new Cat048Record
        {
            Items = Cat048Items.I010 | Cat048Items.I140 | Cat048Items.I020 | Cat048Items.I040 | Cat048Items.I070 | Cat048Items.I090,
            Source = site.Source,
            TimeOfDay = (int)(Math.Round(timeOfDay * 128) % (Units.Day * 128)),
            Descriptor = new ExtensibleBits(2 << 5, 1),
            Rho = (ushort)Math.Clamp(Math.Round(range / Units.NauticalMile * 256), 0, ushort.MaxValue),
            Theta = (ushort)((int)Math.Round(azimuth / (2 * Math.PI) * 65536) & 0xFFFF),
            Mode3A = (ushort)reply.Mode3A,
            FlightLevelBits = (ushort)((int)Math.Clamp(Math.Round(height / Units.FlightLevel * 4), -8192, 8191) & 0x3FFF),
        };
        return true;
    }

    /// <summary>The reply an SSR report of a known radar describes, at the given pipeline time; null for an unknown radar.</summary>
    public IffReply? Decode(in Cat048Record record, RadarSite site, double time)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (!_radars.TryGetValue(site.Source, out var radar)) return null;
        var plot = RadarPlots.Decode(record, site, time);
        var ecef = radar.EnuToEcef(LocalFrame.FromPolar(plot.Range, plot.Azimuth, plot.Elevation));
        return new IffReply(time, _common.EcefToEnu(ecef), record.Mode3ACode, Mode5Valid: false);
    }
}
