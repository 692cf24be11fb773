using Canopy.Planning.Supply;

namespace Canopy.Planning.Tests;

public class SupplyModelTests
{
    private static readonly CbcSupplySolver Solver = new();

    /// <summary>One type consumed 5 rounds a month (1 a night, 5 nights), two months, one line with lead time 0.</summary>
    private static SupplyPlan OneType(double stock, double safety, double capacity, double monthlyBudget) => new(
        "hand", 2, 5, 0,
        [new StockType("R", stock, safety, 1, 100)],
        [new Partner("AA", monthlyBudget)],
        [new ProductionLine("AA/R", 0, 0, capacity, 1, 0, 0)]);

    [Fact]
    public void FeasiblePlanBuysExactlyDemandPlusSafetyLessStock()
    {
        // Stock 2, safety 1, demand 5 + 5: it must receive 10 + 1 - 2 = 9 rounds at 1 $ each, no shortfall.
        var r = Solver.Solve(OneType(stock: 2, safety: 1, capacity: 10, monthlyBudget: 100));
        Assert.True(r.Feasible);
        Assert.Equal(9, r.Cost, 1e-6);
        Assert.Equal(0, r.ShortfallDamage, 1e-6);
        Assert.All(r.Months, m => Assert.True(m.Stock >= 1 - 1e-6));
    }

    [Fact]
    public void CapacityShortfallReportsTheMonthItRunsDryAndTheExtraCapacity()
    {
        // Capacity 2 a month: month 1 has 2 + 2 - 5 = -1 (1 short), month 2 has 0 + 2 - 5 = -3 (3 short).
        var r = Solver.Solve(OneType(stock: 2, safety: 0, capacity: 2, monthlyBudget: 100));
        Assert.False(r.Feasible);
        Assert.Equal(1, r.FirstDry!.Month);
        Assert.Equal(1, r.FirstDry.Short, 1e-6);
        Assert.Equal(4, r.Months.Sum(m => m.Short), 1e-6);
        Assert.Equal(4 * 100 + 4, r.ShortfallDamage + r.Cost, 1e-6);
        Assert.True(r.FixFound);
        var capacity = r.Fixes.Where(f => f.What.Contains("capacity", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, capacity.Sum(f => f.Amount), 1e-6);
        Assert.DoesNotContain(r.Fixes, f => f.What.Contains("stock on hand", StringComparison.Ordinal));
    }

    [Fact]
    public void BudgetShortfallReportsTheMonthAndTheExtraBudget()
    {
        // 3 $ a month buys 3 rounds: month 1 ends at 2 + 3 - 5 = 0, month 2 at 0 + 3 - 5 = -2: dry in month 2, 2 short,
        // and 2 $ more budget would fix it.
        var r = Solver.Solve(OneType(stock: 2, safety: 0, capacity: 10, monthlyBudget: 3));
        Assert.Equal(2, r.FirstDry!.Month);
        Assert.Equal(2, r.FirstDry.Short, 1e-6);
        Assert.Null(r.Months.FirstOrDefault(m => m.Month == 1 && m.Short > 0));
        var budget = r.Fixes.Where(f => f.What.Contains("budget", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, budget.Sum(f => f.Amount), 1e-6);
        Assert.DoesNotContain(r.Fixes, f => f.What.Contains("capacity", StringComparison.Ordinal));
    }

    [Fact]
    public void LeadTimeShortfallNeedsStockOnHand()
    {
        // Lead time 2 months on a 2-month horizon: nothing can arrive; 10 rounds needed, 4 on hand: 6 more on hand.
        var plan = OneType(stock: 4, safety: 0, capacity: 10, monthlyBudget: 100) with { Lines = [new ProductionLine("AA/R", 0, 0, 10, 1, 2, 0)] };
        var r = Solver.Solve(plan);
        Assert.Equal(1, r.FirstDry!.Month);
        Assert.Equal(6, r.Fixes.Where(f => f.What.Contains("stock on hand", StringComparison.Ordinal)).Sum(f => f.Amount), 1e-6);
    }

    [Fact]
    public void RampUpLimitsEarlyCapacity()
    {
        var line = new ProductionLine("L", 0, 0, 30, 1, 0, 3);
        Assert.Equal(10, line.Capacity(1), 1e-9);
        Assert.Equal(20, line.Capacity(2), 1e-9);
        Assert.Equal(30, line.Capacity(5), 1e-9);
    }

    [Fact]
    public void ShippedExampleLoads()
    {
        var loaded = SupplyPlanLoader.Load(Path.Combine(RepoRoot(), "plans", "supply-example.yaml"));
        Assert.Empty(loaded.Errors);
        Assert.Equal(6, loaded.Plan!.Months);
        Assert.Equal(3, loaded.Plan.Partners.Count);
        // 0.25 % of 4500 B$ a year, by month.
        Assert.Equal(0.0025 * 4500e9 / 12, loaded.Plan.Partners[0].MonthlyBudget, 1);
    }

    [Fact]
    public void ErrorsAreLocated()
    {
        var loaded = SupplyPlanLoader.Parse("name: x\nmonths: 6\ntempo: { nights-per-month: 8 }\ntypes:\n  - { name: A, stock: 1, per-night: 1, shortfall-damage: 40 }\npartners: []\n", "s.yaml");
        Assert.Null(loaded.Plan);
        var e = Assert.Single(loaded.Errors);
        Assert.Equal(5, e.Line);
        Assert.Contains("shortfall-damage", e.Message, StringComparison.Ordinal);
    }

    internal static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Canopy.sln")))
            dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        return dir;
    }
}
