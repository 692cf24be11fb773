using Canopy.Core.Geometry;

namespace Canopy.Tracking.Tests;

public class UniformGridTests
{
    [Fact]
    public void Query_FindsExactlyThePointsWithinTheRadius()
    {
        var rng = new Random(1);
        var points = new Vec3[500];
        for (var i = 0; i < points.Length; i++)
            points[i] = new Vec3(rng.NextDouble() * 100_000 - 50_000, rng.NextDouble() * 100_000 - 50_000, rng.NextDouble() * 10_000);
        var grid = new UniformGrid(5_000);
        grid.Build(points, points.Length);

        foreach (var radius in new[] { 8_000.0, 30_000, 200_000 })
        {
            var centre = new Vec3(3_000, -7_000, 2_000);
            var found = new List<int>();
            grid.Query(centre, radius, found);
            found.Sort();
            var expected = new List<int>();
            for (var i = 0; i < points.Length; i++)
                if (Vec3.Distance(points[i], centre) <= radius) expected.Add(i);
            Assert.Equal(expected, found);
            Assert.NotEmpty(found);
        }
    }
}
