using Canopy.Core.Geometry;
using Canopy.Tracking.Metrics;

namespace Canopy.Tracking.Tests.Metrics;

public class OspaMetricTests
{
    [Fact]
    public void Compute_PerfectMatch_IsZero()
    {
        Vec3[] set = [new(1, 2, 3), new(400, 5, 6)];
        Assert.Equal(0, new OspaMetric(10, 2).Compute(set, [set[1], set[0]]));
    }

    [Fact]
    public void Compute_EmptyAgainstThree_IsCutoff()
    {
        Assert.Equal(10, new OspaMetric(10, 2).Compute([], [Vec3.Zero, new(1, 0, 0), new(2, 0, 0)]), 12);
        Assert.Equal(10, new OspaMetric(10, 1).Compute([Vec3.Zero], []), 12);
    }

    [Fact]
    public void Compute_OnePairAndOneExtra_AveragesOverTheLargerSet()
    {
        // p = 1: (5 + 10) / 2.
        Assert.Equal(7.5, new OspaMetric(10, 1).Compute([Vec3.Zero], [new Vec3(3, 4, 0), new Vec3(100, 0, 0)]), 12);
        // p = 2: sqrt((25 + 100) / 2).
        Assert.Equal(Math.Sqrt(62.5), new OspaMetric(10, 2).Compute([Vec3.Zero], [new Vec3(3, 4, 0), new Vec3(100, 0, 0)]), 12);
    }

    [Fact]
    public void Compute_BothEmpty_IsZero()
    {
        Assert.Equal(0, new OspaMetric(10, 2).Compute([], []));
    }
}
