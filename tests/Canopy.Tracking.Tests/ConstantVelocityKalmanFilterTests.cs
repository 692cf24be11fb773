using Canopy.Core.Geometry;
using Kf = Canopy.Tracking.ConstantVelocityKalmanFilter;

namespace Canopy.Tracking.Tests;

public class ConstantVelocityKalmanFilterTests
{
    private const double Tol = 1e-9;

    // x = (0,0,0, 10,0,0), P = diag(100,100,100, 25,25,25); dt = 2 s, q = 3 m²/s³.
    private static (double[] X, double[] P) Prior()
    {
        var x = new double[] { 0, 0, 0, 10, 0, 0 };
        var p = new double[36];
        for (var i = 0; i < 3; i++)
        {
            p[i * 7] = 100;
            p[(i + 3) * 7] = 25;
        }
        return (x, p);
    }

    [Fact]
    public void Predict_HandComputedValues()
    {
        var (x, p) = Prior();
        Kf.Predict(x, p, 2, 3);
        Assert.Equal(20, x[0], Tol);
        Assert.Equal(10, x[3], Tol);
        // Pxx = 100 + dt²·25 + q·dt³/3 = 100 + 100 + 8; Pxv = dt·25 + q·dt²/2 = 50 + 6; Pvv = 25 + q·dt = 31.
        Assert.Equal(208, p[0], Tol);
        Assert.Equal(56, p[3], Tol);
        Assert.Equal(56, p[18], Tol);
        Assert.Equal(31, p[21], Tol);
        Assert.Equal(0, p[1], Tol);
        Assert.Equal(208, p[14], Tol);
    }

    [Fact]
    public void Update_HandComputedValues()
    {
        var (x, p) = Prior();
        Kf.Predict(x, p, 2, 3);
        var r = new double[] { 50, 0, 0, 0, 50, 0, 0, 0, 50 };
        Kf.Update(x, p, new Vec3(30, 0, 0), r);
        // S = 208 + 50 = 258; K = (208, 56)/258; innovation 10.
        Assert.Equal(20 + 208.0 / 258 * 10, x[0], Tol);
        Assert.Equal(10 + 56.0 / 258 * 10, x[3], Tol);
        Assert.Equal(208.0 * 50 / 258, p[0], Tol);
        Assert.Equal(56.0 * 50 / 258, p[3], Tol);
        Assert.Equal(31 - 56.0 * 56 / 258, p[21], Tol);
        Assert.Equal(p[3], p[18], Tol);
    }

    [Fact]
    public void MahalanobisSquared_HandComputedValue()
    {
        var (x, p) = Prior();
        Kf.Predict(x, p, 2, 3);
        var r = new double[] { 50, 0, 0, 0, 50, 0, 0, 0, 50 };
        // Innovation (10, 5, 0); S = diag(258, 258, 258).
        Assert.Equal((100.0 + 25) / 258, Kf.MahalanobisSquared(x, p, new Vec3(30, 5, 0), r), Tol);
    }

    [Fact]
    public void UpdateScalar_EqualsPositionUpdateOnOneAxis()
    {
        var (x, p) = Prior();
        Kf.Predict(x, p, 2, 3);
        var h = new double[] { 1, 0, 0, 0, 0, 0 };
        Assert.Equal(258, Kf.ScalarInnovationVariance(p, h, 50), Tol);
        Kf.UpdateScalar(x, p, h, 10, 50);
        Assert.Equal(20 + 208.0 / 258 * 10, x[0], Tol);
        Assert.Equal(10 + 56.0 / 258 * 10, x[3], Tol);
        Assert.Equal(208.0 * 50 / 258, p[0], Tol);
        Assert.Equal(208, p[7], Tol);
    }
}
