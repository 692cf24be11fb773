using Canopy.Assignment.Static;

namespace Canopy.Assignment.Tests.Static;

public class WtaProblemTests
{
    [Fact]
    public void Objective_TwoByTwo_MatchesHandComputedProducts()
    {
        var problem = WtaTestProblems.TwoByTwo();
        var plan = new WtaPlan(2, 2) { [0, 0] = 1, [1, 0] = 1 };

        // Target 0: 10 x 0.5 x 0.4 = 2; target 1 untouched: 5.
        Assert.Equal(7, problem.Objective(plan), 12);
    }

    [Fact]
    public void Objective_RepeatedShots_RaisesSurvivalToTheCount()
    {
        var problem = new WtaProblem([3], [8], [0.5]);

        Assert.Equal(1, problem.Objective(new WtaPlan(1, 1) { [0, 0] = 3 }), 12);
    }

    [Fact]
    public void Constructor_ProbabilityAboveOne_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new WtaProblem([1], [1, 2], [0.5, 1.5]));
        Assert.Contains("p[0,1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Violation_OverusedWeapon_NamesTheType()
    {
        var problem = WtaTestProblems.TwoByTwo();
        var plan = new WtaPlan(2, 2) { [1, 0] = 1, [1, 1] = 1 };

        Assert.Equal("weapon type 1 is used 2 times, only 1 available", plan.Violation(problem));
        Assert.Null(new WtaPlan(2, 2) { [1, 0] = 1 }.Violation(problem));
    }

    [Fact]
    public void Write_Plan_ListsNonzeroEntriesAsIJCount()
    {
        var plan = new WtaPlan(2, 3) { [0, 2] = 2, [1, 0] = 1 };
        using var writer = new StringWriter();

        plan.Write(writer);

        Assert.Equal("0 2 2\n1 0 1\n", writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_CountsPastTheWeaponLimit_Refused()
    {
        // 3000 x 10^6 overflows an int; the sum is taken in 64 bits and checked against the limit.
        var counts = Enumerable.Repeat(1_000_000, 3000).ToArray();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new WtaProblem(counts, [1.0], new double[3000]));

        Assert.Contains("3000000000 weapons; at most 10000000", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ValuesSummingToInfinity_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WtaProblem([1], [1e308, 1e308], [0.5, 0.5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AssetWtaProblem([1], [1e308, 1e308], [0], [0.5], [0.5]));
    }
}
