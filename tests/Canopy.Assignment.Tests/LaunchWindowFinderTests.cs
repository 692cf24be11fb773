using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using static Canopy.Assignment.Tests.TestData;

namespace Canopy.Assignment.Tests;

public class LaunchWindowFinderTests
{
    [Fact]
    public void Find_HeadOnDrone_WindowBoundsMatchTheHandComputedOnes()
    {
        // Drone 20 km east, 100 m/s straight at the unit, arriving in 200 s; interceptor 1000 m/s, range 1-10 km.
        // A launch at L meets it after τ = (20000 - 100 L) / 1100 s at range 1000 τ: range ≤ 10 km needs L ≥ 90 s,
        // range ≥ 1 km needs L ≤ 189 s (intercept at 190 s, before the 200 s arrival).
        var spec = Effector("sam", minRange: 1000, maxRange: 10_000);
        var threat = Threat(Track(1, new Vec3(20_000, 0, 0), new Vec3(-100, 0, 0)), timeToGo: 200);

        var w = new LaunchWindowFinder(Layout(true, spec)).Find(0, threat, Unit(spec))!.Value;

        Assert.Equal(90, w.EarliestLaunch, 0.5);
        Assert.Equal(189, w.LatestLaunch, 0.5);
        Assert.False(w.OpensNow);
        Assert.Equal(w.EarliestLaunch + (20_000 - 100 * w.EarliestLaunch) / 1100, w.Intercept.Time, 1e-6);
    }

    [Fact]
    public void Find_InRangeNow_OpensNowAtTheReactionTime()
    {
        var spec = Effector("sam", maxRange: 10_000, reaction: 5);
        var threat = Threat(Track(1, new Vec3(6000, 0, 0), new Vec3(-100, 0, 0)), timeToGo: 60);

        var w = new LaunchWindowFinder(Layout(true, spec)).Find(0, threat, Unit(spec))!.Value;

        Assert.True(w.OpensNow);
        Assert.Equal(5, w.EarliestLaunch);
    }

    [Fact]
    public void Find_PathNeverInRange_HasNoWindow()
    {
        var spec = Effector("gun", maxRange: 4000);
        var threat = Threat(Track(1, new Vec3(20_000, 10_000, 0), new Vec3(-100, 0, 0)), timeToGo: 400);

        Assert.Null(new LaunchWindowFinder(Layout(true, spec)).Find(0, threat, Unit(spec)));
    }

    [Fact]
    public void Find_InterceptAboveTheCity_IsFlaggedForDebris()
    {
        // The test layout's city (radius 1 km) is at the origin; a unit 3 km north meets the drone over it.
        var spec = Effector("sam", north: 3000, maxRange: 10_000);
        var overCity = Threat(Track(1, new Vec3(500, 0, 500), new Vec3(-50, 0, 0)), timeToGo: 60);
        var farEast = Threat(Track(2, new Vec3(8000, 3000, 500), new Vec3(50, 0, 0)), timeToGo: 60, threatens: false);
        var finder = new LaunchWindowFinder(Layout(true, spec));

        Assert.True(finder.Find(0, overCity, Unit(spec))!.Value.OverDefendedArea);
        Assert.False(finder.Find(0, farEast, Unit(spec))!.Value.OverDefendedArea);
    }
}
