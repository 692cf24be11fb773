using Canopy.Core.Geometry;
using Canopy.ThreatEvaluation;

namespace Canopy.Assignment.Tests;

public class InterceptSolverTests
{
    private static ThreatMotion Cv(Vec3 position, Vec3 velocity, double time = 0) => new(position, velocity, time, false);

    [Fact]
    public void ConstantVelocityFlightTime_HeadOn_IsRangeOverClosingSpeed()
    {
        // 20 km, closing at 100 + 900 m/s.
        var tau = InterceptSolver.ConstantVelocityFlightTime(new Vec3(20_000, 0, 0), new Vec3(-100, 0, 0), 900);
        Assert.Equal(20, tau!.Value, 9);
    }

    [Fact]
    public void Solve_HeadOnLaunchedLater_MeetsAtTheHandComputedPoint()
    {
        // At launch (t = 5) the threat is 20 km out: meets 20 s later, 18 km out.
        var intercept = InterceptSolver.Solve(Cv(new Vec3(20_500, 0, 0), new Vec3(-100, 0, 0)), Vec3.Zero, 5, 900, 1000);
        Assert.Equal(25, intercept!.Value.Time, 9);
        Assert.Equal(18_000, intercept.Value.Point.X, 6);
    }

    [Fact]
    public void Solve_TailChase_IsRangeOverSpeedDifference()
    {
        var intercept = InterceptSolver.Solve(Cv(new Vec3(0, 10_000, 0), new Vec3(0, 100, 0)), Vec3.Zero, 0, 600, 1000);
        Assert.Equal(20, intercept!.Value.Time, 9);
        Assert.Equal(12_000, intercept.Value.Point.Y, 6);
    }

    [Fact]
    public void Solve_ThreatOutrunningTheInterceptor_HasNoSolution()
    {
        Assert.Null(InterceptSolver.Solve(Cv(new Vec3(0, 10_000, 0), new Vec3(0, 1000, 0)), Vec3.Zero, 0, 600, 1000));
    }

    [Fact]
    public void Solve_InterceptAfterLatestTime_HasNoSolution()
    {
        Assert.Null(InterceptSolver.Solve(Cv(new Vec3(20_000, 0, 0), new Vec3(-100, 0, 0)), Vec3.Zero, 0, 900, 19));
    }

    [Fact]
    public void Solve_BallisticFallingOntoLauncher_SolvesTheFreeFallQuadratic()
    {
        // 20 km up, falling at 1000 m/s plus gravity; interceptor climbs at 1000 m/s:
        // 20000 - 1000t - g t²/2 = 1000t  =>  (g/2)t² + 2000t - 20000 = 0.
        const double g = BallisticImpactPredictor.Gravity;
        var expected = (-2000 + Math.Sqrt(2000.0 * 2000 + 4 * (g / 2) * 20_000)) / g;
        var threat = new ThreatMotion(new Vec3(0, 0, 20_000), new Vec3(0, 0, -1000), 0, true);

        var intercept = InterceptSolver.Solve(threat, Vec3.Zero, 0, 1000, 100);

        Assert.Equal(expected, intercept!.Value.Time, 6);
        Assert.Equal(1000 * expected, intercept.Value.Point.Z, 3);
    }
}
