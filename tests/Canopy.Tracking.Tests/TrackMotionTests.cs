using Canopy.Core.Geometry;
using Canopy.Tracking.Filtering;

namespace Canopy.Tracking.Tests;

public class TrackMotionTests
{
    [Fact]
    public void PositionTraceAt_EqualsTheTraceOfTheConstantVelocityPrediction()
    {
        var state = new FilterState(1);
        double[] x = [100, -200, 3_000, 50, 20, -5];
        var p = new double[36];
        for (var i = 0; i < 36; i++) p[i] = i % 7 == 0 ? 100 + i : 0;
        for (var i = 0; i < 3; i++) p[i * 6 + i + 3] = p[(i + 3) * 6 + i] = 7 + i;
        state.Initialise(10, x, p, [1]);
        var motion = new TrackMotion(state);

        ConstantVelocityKalmanFilter.Predict(x, p, 2.5, 4);
        Assert.Equal(p[0] + p[7] + p[14], motion.PositionTraceAt(12.5, 4), 1e-9);
        Assert.Equal(new Vec3(x[0], x[1], x[2]), motion.PositionAt(12.5));
    }

    [Fact]
    public void PositionTraceAt_HandComputedForOneAxis()
    {
        // One axis with variances 9 m², 4 (m/s)², cross 1 m²/s; the others zero. Over 2 s with q = 3:
        // 9 + 2·2·1 + 2²·4 + q·2³/3 per axis, and the three axes' noise 3·(3·8/3) = 24.
        var state = new FilterState(1);
        var p = new double[36];
        p[0] = 9;
        p[21] = 4;
        p[3] = p[18] = 1;
        state.Initialise(0, [0, 0, 0, 0, 0, 0], p, [1]);
        Assert.Equal(9 + 4 + 16 + 24, new TrackMotion(state).PositionTraceAt(2, 3), 1e-12);
    }
}
