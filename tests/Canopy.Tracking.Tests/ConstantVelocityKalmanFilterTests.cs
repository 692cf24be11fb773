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
}
