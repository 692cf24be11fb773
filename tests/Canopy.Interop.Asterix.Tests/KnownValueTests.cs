using Canopy.Interop.Asterix.Categories;

namespace Canopy.Interop.Asterix.Tests;

public class KnownValueTests
{
    // A CAT048 block with its values as published by jASTERIX's test suite (github.com/hpuhr/jASTERIX, test_cat048):
    // SAC 0 SIC 1, ToD 4287979 (33499.836 s), TYP 5 (Mode S roll-call) RDP 1, RHO 18924 (73.922 NM), THETA 16324 (89.670 deg),
    // Mode 3/A 0470 with L set, FL 370, SAM -63 dBm, address 0xAB4CBD, "RYR5XW  ", I250 3 x BDS, track 919,
    // speed 2108 (463.184 kt), heading 5936 (32.607 deg), RAD 2, I230 (skipped by the UAP).
    private const string JAsterixCat048 = "300041fff7020001416deba849ec3fc4213805c820c1ab4cbd4994b5617820038bd9eb2fbfe400608091" +
                                          "9f39a004dd50c8480030a80000400397083c17304020fd";

    [Fact]
    public void Cat048_PublishedJAsterixBlock_GivesThePublishedValues()
    {
        var c = RecordCollector.Decode(Convert.FromHexString(JAsterixCat048));

        Assert.Empty(c.Errors);
        var r = Assert.Single(c.Cat048);
        Assert.Equal(0, r.Source.Sac);
        Assert.Equal(1, r.Source.Sic);
        Assert.Equal(4287979, r.TimeOfDay);
        Assert.Equal(33499.836, r.TimeOfDaySeconds, 3);
        Assert.Equal(5, r.DetectionType);
        Assert.Equal(1, (r.Descriptor.Octet(0) >> 3) & 1);
        Assert.Equal(18924, r.Rho);
        Assert.Equal(73.922, r.RangeMetres / 1852, 3);
        Assert.Equal(89.670, r.AzimuthRadians * 180 / Math.PI, 3);
        Assert.Equal(Convert.ToInt32("0470", 8), r.Mode3ACode);
        Assert.Equal(1, (r.Mode3A >> 13) & 1);
        Assert.Equal(370.0, r.FlightLevel);
        Assert.Equal(0b100, r.PlotCharacteristics.Present);
        Assert.Equal(-63, (sbyte)r.PlotCharacteristics.Sam);
        Assert.Equal(0xAB4CBD, r.AircraftAddress);
        Assert.Equal("RYR5XW  ", r.AircraftId.ToString());
        Assert.Equal(919, r.TrackNumber);
        Assert.Equal(463.184, r.GroundSpeed / 16384.0 * 3600, 3);
        Assert.Equal(32.607, r.Heading * 360.0 / 65536, 3);
        Assert.Equal(2, (r.TrackStatus.Octet(0) >> 5) & 3);
    }

    [Fact]
    public void Cat062_HandBuiltRecord_GivesSpecificationScaledValues()
    {
        // Items 010, 070, 105, 100, 185 (FRN 1,4,5,6,7) -> 0b10011111 with FX=1 -> 9F; then 040 (FRN 12) -> 0b00001000 -> 08.
        // 105: lat 0x00800000 = 2^23 x 180/2^25 = 45 deg, lon 0xFFC00000 = -2^22 x 180/2^25 = -22.5 deg.
        // 100: X 0x000010 = 8 m, Y 0xFFFFFE = -1 m. 185: Vx 0x0190 = 100 m/s, Vy 0xFF9C = -25 m/s. 070: 0x000080 = 1 s. 040: 0x1234.
        var bytes = Convert.FromHexString("3E" + "001E" + "9F08" + "0102" + "000080" + "00800000FFC00000" + "000010FFFFFE" + "0190FF9C" + "1234");
        var c = RecordCollector.Decode(bytes);

        Assert.Empty(c.Errors);
        var r = Assert.Single(c.Cat062);
        Assert.Equal(1.0, r.TimeOfTrackSeconds);
        Assert.Equal(45.0, r.LatitudeDegrees);
        Assert.Equal(-22.5, r.LongitudeDegrees);
        Assert.Equal(8.0, r.X * 0.5);
        Assert.Equal(-1.0, r.Y * 0.5);
        Assert.Equal(100.0, r.Vx * 0.25);
        Assert.Equal(-25.0, r.Vy * 0.25);
        Assert.Equal(0x1234, r.TrackNumber);
    }

    [Fact]
    public void Cat021_HandBuiltRecord_GivesSpecificationScaledValues()
    {
        // Items 010, 130 (FRN 1, 6) -> 0b10000101 = 85; 080, 140 would follow but keep it small: second octet none.
        // 130: lat 0x200000 = 2^21 x 180/2^23 = 45 deg, lon 0xE00000 = -2^21 x 180/2^23 = -45 deg.
        var bytes = Convert.FromHexString("15" + "000C" + "84" + "0A0B" + "200000E00000");
        var c = RecordCollector.Decode(bytes);

        Assert.Empty(c.Errors);
        var r = Assert.Single(c.Cat021);
        Assert.Equal(10, r.Source.Sac);
        Assert.Equal(45.0, r.LatitudeDegrees);
        Assert.Equal(-45.0, r.LongitudeDegrees);
    }

    [Fact]
    public void Cat034_NorthMarker_GivesTypeTimeAndRotationPeriod()
    {
        // Items 010, 000, 030, 041 (FRN 1, 2, 3, 5) -> 0b11101000 = E8. MT 1 north marker, ToD 0x000200 = 4 s, period 0x0200 = 4 s.
        var bytes = Convert.FromHexString("22" + "000C" + "E8" + "0102" + "01" + "000200" + "0200");
        var c = RecordCollector.Decode(bytes);

        Assert.Empty(c.Errors);
        var r = Assert.Single(c.Cat034);
        Assert.Equal(1, r.MessageType);
        Assert.Equal(4.0, r.TimeOfDaySeconds);
        Assert.Equal(4.0, r.RotationPeriodSeconds);
    }
}
