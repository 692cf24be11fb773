using System.Diagnostics;
using Canopy.Assignment.Static;

namespace Canopy.Assignment.Tests.Static;

/// <summary>
/// Every static WTA solver returns a valid plan soon after its time limit, whatever phase it is in, on instances of
/// 10^5 to 10^6 weapons. The bound is a correctness bound (limit + 10% + 1 s, plus slack for a loaded machine),
/// not a speed claim. It is checked on the time the solver reports, measured by its own clock from its start until the
/// plan and its objective are computed, and that report is checked to lie within the wall time of the call (so it
/// cannot hide an overrun), while the test's own set-up and the runtime's start-up stay out of it.
/// </summary>
public sealed class SolverTimeLimitTests : IDisposable
{
    private const double Limit = 0.2;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(Limit * 1.1 + 1 + 3);
    private readonly string _dir = Directory.CreateTempSubdirectory("canopy-wta-limit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, int, int, int, double> TargetBased => new()
    {
        // solver, weapon types, copies per type, targets, seconds (1.5 s lets the search reach its perturbation loop)
        { "greedy", 100, 10_000, 1_000, Limit },
        { "heuristic", 100, 10_000, 1_000, Limit },
        { "heuristic", 100, 10_000, 1_000, 1.5 },
        { "heuristic", 100, 1_000, 100_000, Limit },
        { "heuristic", 1_000, 100, 2_000, Limit },
        // 10^6 weapons: one target's priced subproblem tried every count of 10,000 copies without asking the clock
        // (overran by 37-39 s in two of four runs); not one round of prices fits, so the heuristic gets the rest.
        { "exact", 100, 10_000, 1_000, Limit },
        { "exact", 100, 10_000, 1_000, 1.5 },
        { "exact", 1_000, 100, 2_000, Limit },
    };

    [Theory]
    [MemberData(nameof(TargetBased))]
    public void TargetBased_LargeInstance_ValidPlanWithinTheLimit(string name, int types, int copies, int targets, double limit)
    {
        var problem = WtaTestProblems.Large(7, types, copies, targets);
        IStaticWtaSolver solver = name switch
        {
            "greedy" => new MaximumMarginalReturnSolver(),
            "heuristic" => new IteratedLocalSearchSolver(1),
            _ => new LagrangianEnumerationSolver(1) { TempRoot = _dir },
        };

        var clock = Stopwatch.StartNew();
        var solution = solver.Solve(problem, TimeSpan.FromSeconds(limit), CancellationToken.None);
        clock.Stop();

        Assert.Null(solution.Plan.Violation(problem));
        Assert.InRange(solution.Elapsed, TimeSpan.Zero, clock.Elapsed);
        Assert.True(solution.Elapsed < TimeSpan.FromSeconds(limit * 1.1 + 1 + 3), $"{name} {types}x{copies} on {targets} targets took {solution.Elapsed.TotalSeconds:F2} s ({clock.Elapsed.TotalSeconds:F2} s wall) with a {limit} s limit");
        Assert.Equal(problem.Objective(solution.Plan), solution.Objective);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    public static TheoryData<string, int, int, int, int> AssetBased => new()
    {
        // solver, weapon types, copies per type, threats, assets
        { "greedy", 100, 10_000, 1_000, 100 },
        { "heuristic", 100, 10_000, 1_000, 100 },
        { "heuristic", 1_000, 100, 2_000, 500 },
        { "exact", 100, 1_000, 1_000, 100 },
        { "exact", 20, 20, 200, 40 },
    };

    [Theory]
    [MemberData(nameof(AssetBased))]
    public void AssetBased_LargeInstance_ValidPlanWithinTheLimit(string name, int types, int copies, int threats, int assets)
    {
        var problem = WtaTestProblems.LargeAssetBased(7, types, copies, threats, assets);
        IAssetWtaSolver solver = name switch
        {
            "greedy" => new MaximumMarginalReturnAssetSolver(),
            "heuristic" => new IteratedLocalSearchAssetSolver(1),
            _ => new BranchAndBoundAssetSolver(1),
        };

        var clock = Stopwatch.StartNew();
        var solution = solver.Solve(problem, TimeSpan.FromSeconds(Limit), CancellationToken.None);
        clock.Stop();

        Assert.Null(problem.Violation(solution.Plan));
        Assert.InRange(solution.Elapsed, TimeSpan.Zero, clock.Elapsed);
        Assert.True(solution.Elapsed < Bound, $"{name} {types}x{copies} on {threats} threats took {solution.Elapsed.TotalSeconds:F2} s ({clock.Elapsed.TotalSeconds:F2} s wall) with a {Limit} s limit");
        Assert.True(solution.UpperBound >= solution.SurvivingValue - 1e-9 * solution.SurvivingValue);
    }

    [Fact]
    public void Exact_CbcThatNeverFinishes_IsKilledAtTheDeadlineAndItsFolderRemoved()
    {
        // A stand-in for CBC that notes it started and then hangs: the solver must not wait for it.
        var started = Path.Combine(_dir, "started");
        var cbc = FakeCbc($"touch '{started}'; sleep 60");
        var work = Directory.CreateDirectory(Path.Combine(_dir, "work")).FullName;
        var problem = WtaTestProblems.Random(21, 20, 40, 3);
        var solver = new LagrangianEnumerationSolver(1) { CbcPath = cbc, TempRoot = work, StartSeconds = 0.05, SubgradientSeconds = 1 };

        var clock = Stopwatch.StartNew();
        var solution = solver.Solve(problem, TimeSpan.FromSeconds(6), CancellationToken.None);
        clock.Stop();

        Assert.True(File.Exists(started), $"CBC never ran: objective {solution.Objective}, bound {solution.LowerBound}, {clock.Elapsed.TotalSeconds} s");
        Assert.Null(solution.Plan.Violation(problem));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6 * 1.1 + 1 + 3), $"took {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Empty(Directory.GetFileSystemEntries(work));
    }

    [Fact]
    public async Task Exact_CancelledWhileCbcRuns_ReturnsTheIncumbentAndRemovesItsFolder()
    {
        var started = Path.Combine(_dir, "started");
        var cbc = FakeCbc($"touch '{started}'; sleep 60");
        var work = Directory.CreateDirectory(Path.Combine(_dir, "work")).FullName;
        var problem = WtaTestProblems.Random(21, 20, 40, 3);
        var solver = new LagrangianEnumerationSolver(1) { CbcPath = cbc, TempRoot = work, StartSeconds = 0.05, SubgradientSeconds = 1 };
        using var cancel = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!File.Exists(started) && !cancel.IsCancellationRequested) await Task.Delay(20);
            await cancel.CancelAsync();
        });

        var clock = Stopwatch.StartNew();
        var solution = solver.Solve(problem, TimeSpan.FromSeconds(600), cancel.Token);
        clock.Stop();
        await cancel.CancelAsync();
        await watcher;

        Assert.True(File.Exists(started), $"CBC never ran: objective {solution.Objective}, bound {solution.LowerBound}");
        Assert.Null(solution.Plan.Violation(problem));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Empty(Directory.GetFileSystemEntries(work));
    }

    private string FakeCbc(string body)
    {
        var path = Path.Combine(_dir, "fake-cbc");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
