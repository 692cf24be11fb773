using Canopy.Assignment.Static;
using Canopy.Core.Defence;
using Canopy.ThreatEvaluation;

namespace Canopy.Assignment.Horizon;

/// <summary>
/// Rolling-horizon weapon assignment. Each scan it re-solves the static problem of the next minutes
/// (<see cref="HorizonProblem"/>): the salvos each fire unit can launch within the horizon, a reload apart and within its
/// magazine, against the threats whose windows (<see cref="LaunchWindowFinder"/>, ending at
/// <see cref="EngagementTiming.InterceptDeadline"/>) open in it, valued at value-of-money x expected damage x salvo Pk
/// (less a debris share over an asset) less the salvo's price. A unit's rounds needed by its windows against tracked
/// ballistic and cruise missiles are kept from drones. The problem goes to the static solvers through
/// <see cref="IAssetWtaSolver"/>: exactly (<see cref="BranchAndBoundAssetSolver"/>) when it has few salvos, else by
/// <see cref="IteratedLocalSearchAssetSolver"/>, within the budget (wall time, or a deterministic count of steps); when
/// the budget ends before the solver has beaten it, the plan of maximum marginal return on the net
/// (<see cref="HorizonProblem.MarginalReturn"/>), which takes no clock, is the fallback.
/// Only what must launch now is ordered; the rest is re-planned next scan:
/// <list type="bullet">
/// <item>A unit fires the most urgent (earliest latest launch) of its planned threats whose window opens now, unless a
/// more urgent planned threat of it must launch before the unit would have reloaded.</item>
/// <item>It holds fire when the plan also gives the threat to a cheaper unit later and it can still launch as the backup
/// after that shot's look (shoot-look-shoot: the dear salvo is then spent only if the cheap one fails).</item>
/// <item>One salvo per threat per scan (the cheapest planned); threats already engaged wait for their look.</item>
/// </list>
/// </summary>
public sealed class RollingHorizonWeaponAssigner : IWeaponAssigner
{
    private readonly DefenceLayout _layout;
    private readonly RollingHorizonOptions _options;
    private readonly LaunchWindowFinder _windows;

    public RollingHorizonWeaponAssigner(DefenceLayout layout, RollingHorizonOptions? options = null)
    {
        _layout = layout;
        _options = (options ?? RollingHorizonOptions.Default).Validate();
        _windows = new LaunchWindowFinder(layout, _options.Timing);
    }

    public IReadOnlyList<WeaponAssignment> Assign(double time, IReadOnlyList<ThreatAssessment> threats,
        IReadOnlyList<FireUnitState> fireUnits) => Commit(time, Plan(time, threats, fireUnits), fireUnits);

    /// <summary>The horizon's static problem and the plan the solver found for it.</summary>
    public HorizonPlan Plan(double time, IReadOnlyList<ThreatAssessment> threats, IReadOnlyList<FireUnitState> fireUnits)
    {
        ArgumentNullException.ThrowIfNull(threats);
        ArgumentNullException.ThrowIfNull(fireUnits);
        var wall = _options.TimeBudget is { } budget
            ? SolverDeadline.Start(TimeProvider.System, TimeSpan.FromSeconds(budget.Seconds), CancellationToken.None)
            : null;
        var problem = Build(time, Eligible(threats, fireUnits), fireUnits, wall);
        if (problem.Slots.Count == 0 || problem.Threats.Count == 0)
            return new HorizonPlan(problem, Enumerable.Repeat(-1, problem.Slots.Count).ToArray(), 0, true);
        TimeProvider clock = wall is null ? new StepClock() : TimeProvider.System;
        var solveBudget = wall?.Remaining ?? TimeSpan.FromTicks(_options.SearchSteps * TimeSpan.TicksPerMicrosecond);
        IAssetWtaSolver solver = problem.Slots.Count <= _options.ExactSlots
            ? new BranchAndBoundAssetSolver(_options.Seed) { Time = clock }
            : new IteratedLocalSearchAssetSolver(_options.Seed) { Time = clock };
        // The fallback, whatever the clock says: maximum marginal return on the net; the solver's plan when it is better.
        var greedy = problem.MarginalReturn();
        var solution = solver.Solve(problem.ToAssetProblem(), solveBudget, CancellationToken.None);
        var solved = problem.Decode(solution.Plan);
        var (net, fallback) = (problem.Net(solved), problem.Net(greedy));
        return net >= fallback
            ? new HorizonPlan(problem, solved, net, solution.Gap <= 1e-9)
            : new HorizonPlan(problem, greedy, fallback, false);
    }

    private List<ThreatAssessment> Eligible(IReadOnlyList<ThreatAssessment> threats, IReadOnlyList<FireUnitState> fireUnits)
    {
        var engaged = new HashSet<int>();
        foreach (var u in fireUnits) engaged.UnionWith(u.Engaging);
        var rule = _layout.Policy.EngageOnlyThreatsToDefendedAreas;
        return threats.Where(t => !engaged.Contains(t.Track.Id) && (!rule || t.ThreatensDefendedArea))
            .OrderByDescending(t => t.Score).ThenBy(t => t.Track.Id).ToList();
    }

    /// <summary>Damage prevented by a sure kill, in dollars.</summary>
    private double Value(ThreatAssessment t) => _layout.Policy.DollarsPerValueUnit *
        (_layout.Policy.EngageOnlyThreatsToDefendedAreas || t.ThreatensDefendedArea
            ? t.ExpectedDamage
            : Math.Max(t.ExpectedDamage, _options.OpenGroundValue));

    private static bool IsMissile(ThreatClass c) => c is ThreatClass.Ballistic or ThreatClass.Cruise;

    private static int Salvos(FireUnitState unit) => (unit.RoundsLeft + Math.Max(1, unit.Spec.SalvoSize) - 1) / Math.Max(1, unit.Spec.SalvoSize);

    private static double FirstLaunch(double time, FireUnitState unit) => Math.Max(time + unit.Spec.ReactionTime.Seconds, unit.ReadyAt);

    /// <summary>The windows worth a salvo, the units' slots in the horizon and which slot may take which threat.</summary>
    private HorizonProblem Build(double time, List<ThreatAssessment> eligible, IReadOnlyList<FireUnitState> units, SolverDeadline? wall)
    {
        var end = time + _options.Horizon.Seconds;
        var windows = new Dictionary<(int Unit, int Threat), EngagementWindow>();
        var kill = new Dictionary<(int Unit, int Threat), double>();
        var reserve = new int[units.Count];
        var threats = new List<ThreatAssessment>();
        var values = new List<double>();
        foreach (var threat in eligible)
        {
            if (threats.Count > 0 && wall is { Expired: true }) break;
            var value = Value(threat);
            var index = threats.Count;
            var any = false;
            for (var u = 0; u < units.Count; u++)
            {
                if (!MayBeWorthIt(value, threat.Class, units[u]) || _windows.Find(time, threat, units[u]) is not { } w)
                    continue;
                var pk = w.KillProbability * (w.OverDefendedArea ? 1 - _options.DebrisPenalty : 1);
                if (value * pk - w.Cost <= 0) continue;
                if (IsMissile(threat.Class)) reserve[u]++;
                if (w.EarliestLaunch > end) continue;
                windows[(u, index)] = w;
                kill[(u, index)] = pk;
                any = true;
            }
            if (!any) continue;
            threats.Add(threat);
            values.Add(value);
        }

        var optionsOf = new int[units.Count];
        foreach (var (u, _) in windows.Keys) optionsOf[u]++;
        var slots = new List<HorizonSlot>();
        for (var u = 0; u < units.Count; u++)
        {
            var unit = units[u];
            var first = FirstLaunch(time, unit);
            var count = Math.Min(Math.Min(Salvos(unit), _options.SlotsPerUnit), optionsOf[u]);
            var price = unit.Spec.CostPerShot.Dollars * Math.Min(unit.Spec.SalvoSize, unit.RoundsLeft);
            for (var s = 0; s < count && first + s * unit.Spec.ReloadTime.Seconds <= end; s++)
                slots.Add(new HorizonSlot(u, s, first + s * unit.Spec.ReloadTime.Seconds, price));
        }
        var p = new double[slots.Count * threats.Count];
        for (var s = 0; s < slots.Count; s++)
        {
            var slot = slots[s];
            // Salvos a unit must keep for its missile windows are not planned against drones.
            var forDrones = Salvos(units[slot.Unit]) - reserve[slot.Unit];
            for (var j = 0; j < threats.Count; j++)
            {
                if (!windows.TryGetValue((slot.Unit, j), out var w) || w.LatestLaunch < slot.EarliestLaunch) continue;
                if (!IsMissile(threats[j].Class) && slot.Index >= forDrones) continue;
                p[s * threats.Count + j] = kill[(slot.Unit, j)];
            }
        }
        return new HorizonProblem(threats, values.ToArray(), slots, p, windows);
    }

    /// <summary>Whether a salvo could be worth its price at all (before any geometry): value x salvo Pk &gt; price.</summary>
    private static bool MayBeWorthIt(double value, ThreatClass cls, FireUnitState unit)
    {
        var spec = unit.Spec;
        var rounds = Math.Min(spec.SalvoSize, unit.RoundsLeft);
        var pk = spec.KillProbabilityAgainst(cls).Value;
        return rounds >= 1 && value * (1 - Math.Pow(1 - pk, rounds)) > spec.CostPerShot.Dollars * rounds;
    }

    /// <summary>The salvos of <paramref name="plan"/> that must launch now (see the class remarks).</summary>
    private List<WeaponAssignment> Commit(double time, HorizonPlan plan, IReadOnlyList<FireUnitState> units)
    {
        var problem = plan.Problem;
        var mine = new List<int>[units.Count];
        var planned = new List<int>[problem.Threats.Count];
        for (var s = 0; s < problem.Slots.Count; s++)
        {
            if (plan.ThreatOfSlot[s] is var j && j < 0) continue;
            var u = problem.Slots[s].Unit;
            (mine[u] ??= []).Add(j);
            (planned[j] ??= []).Add(u);
        }
        var chosen = new Dictionary<int, int>();
        var look = _windows.Timing.LookDelay.Seconds;
        for (var u = 0; u < units.Count; u++)
        {
            if (mine[u] is not { } list) continue;
            var order = list.Distinct().OrderBy(j => problem.Window(u, j).LatestLaunch).ThenBy(j => j).ToList();
            var now = order.FindIndex(j => problem.Window(u, j).OpensNow);
            if (now < 0) continue;
            var reloaded = FirstLaunch(time, units[u]) + units[u].Spec.ReloadTime.Seconds;
            if (order.Take(now).Any(j => problem.Window(u, j).LatestLaunch < reloaded)) continue;
            var threat = order[now];
            var w = problem.Window(u, threat);
            var backedUp = planned[threat].Any(v => v != u && problem.Window(v, threat) is var later && !later.OpensNow
                && later.Cost < w.Cost
                && w.LatestLaunch >= later.Intercept.Time + look + units[u].Spec.ReactionTime.Seconds);
            if (backedUp) continue;
            if (chosen.TryGetValue(threat, out var other) && problem.Window(other, threat).Cost <= w.Cost) continue;
            chosen[threat] = u;
        }
        var result = new List<WeaponAssignment>();
        foreach (var (threat, u) in chosen.OrderBy(c => c.Key))
        {
            var spec = units[u].Spec;
            var w = problem.Window(u, threat);
            result.Add(new WeaponAssignment(spec, problem.Threats[threat].Track.Id, w.Rounds, w.EarliestLaunch,
                w.Intercept.Time, w.Intercept.Point, w.KillProbability, spec.CostPerShot * w.Rounds));
        }
        return result;
    }
}

/// <summary>What one re-plan found.</summary>
/// <param name="ThreatOfSlot">The threat (index into the problem's threats) each slot fires at, or -1.</param>
/// <param name="Net">Expected value saved less spend of the plan, in dollars.</param>
/// <param name="Proven">The solver proved the plan optimal for the horizon's problem.</param>
public sealed record HorizonPlan(HorizonProblem Problem, IReadOnlyList<int> ThreatOfSlot, double Net, bool Proven);
