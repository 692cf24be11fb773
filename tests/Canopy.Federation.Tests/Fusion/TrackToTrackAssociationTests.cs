using Canopy.Core.Geometry;
using Canopy.Federation.Fusion;
using Canopy.Tracking;

namespace Canopy.Federation.Tests.Fusion;

public class TrackToTrackAssociationTests
{
    private static StateCovariance Diagonal(double position, double velocity)
    {
        var p = new double[36];
        for (var i = 0; i < 3; i++)
        {
            p[i * 7] = position;
            p[(i + 3) * 7] = velocity;
        }
        return p;
    }

    private static SourceTrack Track(string nation, int id, double x, double y, double time = 0, double vx = 0, double position = 100 * 100) =>
        new(nation, id, time, new Vec3(x, y, 1000), new Vec3(vx, 0, 0), Diagonal(position, 25));

    [Fact]
    public void Gnn_matches_brute_force_on_small_random_cases()
    {
        var rng = new Random(42);
        var options = new TrackFusionOptions();
        var associator = new GnnTrackToTrackAssociator(options);
        for (var trial = 0; trial < 200; trial++)
        {
            var n = rng.Next(1, 6);
            var m = rng.Next(1, 6);
            var system = Enumerable.Range(0, n).Select(i => TrackEstimate.Of(Track("AA", i, rng.NextDouble() * 1500, rng.NextDouble() * 1500))).ToList();
            var incoming = Enumerable.Range(0, m).Select(i => TrackEstimate.Of(Track("BB", i, rng.NextDouble() * 1500, rng.NextDouble() * 1500))).ToList();
            var result = associator.Associate(system, incoming, Enumerable.Repeat(-1, m).ToList());
            var (bestCount, bestCost) = BruteForce(system, incoming, options.Gate);
            var count = result.Count(s => s >= 0);
            var cost = result.Select((s, j) => s >= 0 ? GnnTrackToTrackAssociator.Distance(system[s], incoming[j]) : 0).Sum();
            Assert.Equal(bestCount, count);
            Assert.Equal(bestCost, cost, 6);
            Assert.Equal(result.Where(s => s >= 0).Count(), result.Where(s => s >= 0).Distinct().Count());
        }
    }

    /// <summary>Every matching of gated pairs: the most pairs, then the least total squared distance.</summary>
    private static (int Count, double Cost) BruteForce(List<TrackEstimate> system, List<TrackEstimate> incoming, double gate)
    {
        var best = (Count: 0, Cost: 0.0);
        var used = new bool[system.Count];
        void Recurse(int j, int count, double cost)
        {
            if (j == incoming.Count)
            {
                if (count > best.Count || (count == best.Count && cost < best.Cost)) best = (count, cost);
                return;
            }
            Recurse(j + 1, count, cost);
            for (var s = 0; s < system.Count; s++)
            {
                if (used[s]) continue;
                var d2 = GnnTrackToTrackAssociator.Distance(system[s], incoming[j]);
                if (d2 > gate) continue;
                used[s] = true;
                Recurse(j + 1, count + 1, cost + d2);
                used[s] = false;
            }
        }
        Recurse(0, 0, 0);
        return best;
    }

    [Fact]
    public void Two_nations_tracks_of_one_target_become_one_system_track_with_both_nations()
    {
        var fuser = new CovarianceIntersectionTrackFuser();
        var picture = fuser.Fuse(0, [Track("PL", 7, 0, 0), Track("UA", 3, 150, 0), Track("UA", 4, 50_000, 0)]);
        Assert.Equal(2, picture.Count);
        var joint = picture.Single(s => s.Contributors.Count == 2);
        Assert.Equal(["PL", "UA"], joint.Nations);
        Assert.Equal([new TrackKey("PL", 7), new TrackKey("UA", 3)], joint.Contributors);
        // Equal covariances: ω = 1/2 and the mean position.
        Assert.Equal(75, joint.Position.X, 3);
        Assert.Equal(100 * 100, joint.Covariance[0], 3);
    }

    [Fact]
    public void Identical_tracks_from_two_nations_fuse_to_the_same_estimate()
    {
        var fuser = new CovarianceIntersectionTrackFuser();
        var a = Track("PL", 1, 1234, -567, vx: 50);
        var picture = fuser.Fuse(0, [a, a with { Nation = "SK", TrackId = 9 }]);
        var s = Assert.Single(picture);
        Assert.Equal(a.Position.X, s.Position.X, 9);
        Assert.Equal(a.Velocity.X, s.Velocity.X, 9);
        for (var k = 0; k < 36; k++) Assert.Equal(a.Covariance[k], s.Covariance[k], 6);
    }

    [Fact]
    public void A_partners_older_track_is_predicted_to_the_fusion_time()
    {
        // Reported 2 s before the fusion time at x = 0 moving 100 m/s east: predicted to x = 200, its variance grown by
        // P_xx + 2 dt P_xv + dt² P_vv + q dt³ / 3 = 10,000 + 4 · 25 + 2 · 8 / 3.
        var fuser = new CovarianceIntersectionTrackFuser();
        var s = Assert.Single(fuser.Fuse(2, [Track("LT", 5, 0, 0, time: 0, vx: 100)]));
        Assert.Equal(200, s.Position.X, 9);
        Assert.Equal(10_000 + 100 + 16.0 / 3, s.Covariance[0], 6);
        Assert.Equal(2, s.Time);
    }

    [Fact]
    public void System_track_ids_and_pairs_persist_from_scan_to_scan()
    {
        var fuser = new CovarianceIntersectionTrackFuser();
        var first = fuser.Fuse(0, [Track("PL", 1, 0, 0), Track("UA", 1, 100, 0), Track("PL", 2, 30_000, 0)]);
        var id = first.Single(s => s.Contributors.Count == 2).Id;
        // Next scan: the UA track now lies between the two PL tracks' candidates; the persisted pair is kept.
        var second = fuser.Fuse(1, [Track("PL", 1, 0, 0, time: 1), Track("UA", 1, 200, 0, time: 1), Track("PL", 2, 30_000, 0, time: 1)]);
        var joint = second.Single(s => s.Contributors.Count == 2);
        Assert.Equal(id, joint.Id);
        Assert.Contains(new TrackKey("UA", 1), joint.Contributors);
        Assert.Equal(first.Select(s => s.Id).Order(), second.Select(s => s.Id).Order());
    }

    [Fact]
    public void The_same_inputs_give_the_same_picture()
    {
        var rng = new Random(9);
        var tracks = Enumerable.Range(0, 60).Select(i => Track(i % 3 == 0 ? "PL" : i % 3 == 1 ? "UA" : "SK", i, rng.NextDouble() * 20_000, rng.NextDouble() * 20_000)).ToList();
        var a = new CovarianceIntersectionTrackFuser().Fuse(0, tracks);
        var b = new CovarianceIntersectionTrackFuser().Fuse(0, [.. tracks.AsEnumerable().Reverse()]);
        Assert.Equal(a.Count, b.Count);
        for (var k = 0; k < a.Count; k++)
        {
            Assert.Equal(a[k].Id, b[k].Id);
            Assert.Equal(a[k].Position, b[k].Position);
            Assert.Equal(a[k].Contributors, b[k].Contributors);
        }
    }
}
