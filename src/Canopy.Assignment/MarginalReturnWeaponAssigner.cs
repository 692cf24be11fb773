using System.Diagnostics;
using Canopy.Core.Defence;
using Canopy.ThreatEvaluation;

namespace Canopy.Assignment;

/// <summary>
/// Dynamic weapon assignment by maximum marginal return with look-ahead. Each scan it finds every (threat, fire unit)
/// launch window (<see cref="LaunchWindowFinder"/>) and values a salvo fired now at
/// <c>net = value-of-money x expected damage x salvo Pk x (1 - debris penalty if over an asset) - salvo price</c>.
/// Then, most urgent threat first:
/// <list type="bullet">
/// <item>Reserve: a unit keeps the rounds its windows against tracked ballistic and cruise threats need; drones get only the rest.</item>
/// <item>Look-ahead (layered defence): a unit does not fire now at a threat that a cheaper unit has a worthwhile
/// window against later, before the threat arrives, as long as that unit has rounds and time (reload) left for the
/// threats already deferred to it, and deferring is worth at least as much as firing now. Deferring is worth the cheaper
/// shot's net plus, when this unit can still launch after the cheaper shot's look (the timing's look delay after its
/// intercept, plus this unit's reaction time) and intercept by the deadline, the backup's net times the risk that the
/// cheaper shot fails (1 - its Pk): <c>net(later) + backup x (1 - Pk(later)) x net(now) &gt;= net(now)</c>. Every window
/// ends at <see cref="EngagementTiming.InterceptDeadline"/>, so the backup is never planned past the last moment it can
/// still act with the margin.</item>
/// </list>
/// Then it picks the best net salvo among those left, one salvo per unit and per threat, until none is worth its price
/// (maximum marginal return), and improves the plan by swapping units between threats while it helps and the time
/// budget (if any) lasts. Threats already engaged wait for the look (shoot-look-shoot); with the Iron Dome rule, threats
/// to no defended area are left alone.
/// </summary>
public sealed class MarginalReturnWeaponAssigner(DefenceLayout layout, MarginalReturnOptions? options = null) : IWeaponAssigner
{
    private readonly MarginalReturnOptions _options = options ?? MarginalReturnOptions.Default;
    private readonly LaunchWindowFinder _windows = new(layout, options?.Timing);

    public IReadOnlyList<WeaponAssignment> Assign(double time, IReadOnlyList<ThreatAssessment> threats,
        IReadOnlyList<FireUnitState> fireUnits)
    {
        var deadline = _options.TimeBudget is { } budget
            ? Stopwatch.GetTimestamp() + (long)(budget.Seconds * Stopwatch.Frequency)
            : long.MaxValue;
        var plan = new Plan(this, time, Eligible(threats, fireUnits), fireUnits, deadline);
        plan.FindWindows();
        plan.ReserveAndDefer();
        plan.PickByMarginalReturn();
        plan.ImproveBySwaps();
        return plan.Assignments();
    }

    private List<ThreatAssessment> Eligible(IReadOnlyList<ThreatAssessment> threats, IReadOnlyList<FireUnitState> fireUnits)
    {
        var engaged = new HashSet<int>();
        foreach (var u in fireUnits) engaged.UnionWith(u.Engaging);
        var rule = layout.Policy.EngageOnlyThreatsToDefendedAreas;
        return threats.Where(t => !engaged.Contains(t.Track.Id) && (!rule || t.ThreatensDefendedArea))
            .OrderByDescending(t => t.Score).ThenBy(t => t.Track.Id).ToList();
    }

    /// <summary>Damage prevented by a sure kill, in dollars.</summary>
    private double Value(ThreatAssessment t) => layout.Policy.DollarsPerValueUnit *
        (layout.Policy.EngageOnlyThreatsToDefendedAreas || t.ThreatensDefendedArea
            ? t.ExpectedDamage
            : Math.Max(t.ExpectedDamage, _options.OpenGroundValue));

    private static bool IsMissile(ThreatClass c) => c is ThreatClass.Ballistic or ThreatClass.Cruise;

    /// <summary>A salvo one unit could fire at one threat, and what it is worth.</summary>
    private struct Option
    {
        public int Threat;
        public int Unit;
        public EngagementWindow Window;
        public double Net;
        public bool Allowed;
    }

    /// <summary>One scan's working state: the options of each threat (contiguous, by threat), the plan.</summary>
    private sealed class Plan
    {
        private readonly MarginalReturnWeaponAssigner _owner;
        private readonly double _time;
        private readonly List<ThreatAssessment> _threats;
        private readonly IReadOnlyList<FireUnitState> _units;
        private readonly long _deadline;
        private readonly List<Option> _options = [];
        private readonly int[] _first;
        private readonly int[] _chosen;
        private readonly int[] _threatOf;
        private int _considered;

        public Plan(MarginalReturnWeaponAssigner owner, double time, List<ThreatAssessment> threats,
            IReadOnlyList<FireUnitState> units, long deadline)
        {
            (_owner, _time, _threats, _units, _deadline) = (owner, time, threats, units, deadline);
            _first = new int[threats.Count + 1];
            _chosen = new int[threats.Count];
            Array.Fill(_chosen, -1);
            _threatOf = new int[units.Count];
            Array.Fill(_threatOf, -1);
        }

        private bool OutOfTime => _deadline != long.MaxValue && Stopwatch.GetTimestamp() > _deadline;

        private Span<Option> Options => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_options);

        public void FindWindows()
        {
            for (var i = 0; i < _threats.Count && (i == 0 || !OutOfTime); i++)
            {
                var threat = _threats[i];
                var value = _owner.Value(threat);
                for (var u = 0; u < _units.Count; u++)
                {
                    if (!MayBeWorthIt(value, threat.Class, _units[u])
                        || _owner._windows.Find(_time, threat, _units[u]) is not { } w)
                        continue;
                    var debris = w.OverDefendedArea ? 1 - _owner._options.DebrisPenalty : 1;
                    var net = value * w.KillProbability * debris - w.Cost;
                    if (net > 0)
                        _options.Add(new Option { Threat = i, Unit = u, Window = w, Net = net });
                }
                _considered = i + 1;
                _first[_considered] = _options.Count;
            }
        }

        /// <summary>Whether a salvo could be worth its price at all (before any geometry): value x salvo Pk &gt; price.</summary>
        private static bool MayBeWorthIt(double value, ThreatClass cls, FireUnitState unit)
        {
            var spec = unit.Spec;
            var rounds = Math.Min(spec.SalvoSize, unit.RoundsLeft);
            var pk = spec.KillProbabilityAgainst(cls).Value;
            return rounds >= 1 && value * (1 - Math.Pow(1 - pk, rounds)) > spec.CostPerShot.Dollars * rounds;
        }

        public void ReserveAndDefer()
        {
            var options = Options;
            var reserve = new int[_units.Count];
            foreach (ref var o in options)
                if (IsMissile(_threats[o.Threat].Class)) reserve[o.Unit] += o.Window.Rounds;
            var nextFree = _units.Select(u => Math.Max(_time + u.Spec.ReactionTime.Seconds, u.ReadyAt)).ToArray();
            var salvosLeft = _units.Select(u => u.RoundsLeft / Math.Max(1, u.Spec.SalvoSize)).ToArray();
            foreach (var i in Enumerable.Range(0, _considered).OrderBy(i => _threats[i].TimeToGo).ThenBy(i => i))
            {
                var missile = IsMissile(_threats[i].Class);
                var of = options[_first[i].._first[i + 1]];
                var later = -1;
                for (var k = 0; k < of.Length; k++)
                {
                    ref var o = ref of[k];
                    var u = o.Unit;
                    if (!missile && _units[u].RoundsLeft - o.Window.Rounds < reserve[u]) continue;
                    if (o.Window.OpensNow)
                        o.Allowed = true;
                    else if (salvosLeft[u] > 0 && Math.Max(nextFree[u], o.Window.EarliestLaunch) <= o.Window.LatestLaunch
                             && (later < 0 || o.Window.Cost < of[later].Window.Cost))
                        later = k;
                }
                if (later < 0) continue;
                var anyNow = false;
                foreach (ref var o in of)
                {
                    if (o.Allowed && o.Window.Cost > of[later].Window.Cost && DeferringPays(o, of[later]))
                        o.Allowed = false;
                    anyNow |= o.Allowed;
                }
                if (anyNow) continue;
                var unit = of[later].Unit;
                nextFree[unit] = Math.Max(nextFree[unit], of[later].Window.EarliestLaunch) + _units[unit].Spec.ReloadTime.Seconds;
                salvosLeft[unit]--;
            }
        }

        /// <summary>
        /// Whether leaving threat to the cheaper <paramref name="later"/> shot is worth at least firing <paramref name="now"/>:
        /// the cheaper shot's net, plus this unit's shot as the backup if it fails and this unit can still launch after
        /// the look (and its reaction time) within its window.
        /// </summary>
        private bool DeferringPays(in Option now, in Option later)
        {
            var look = later.Window.Intercept.Time + _owner._windows.Timing.LookDelay.Seconds
                + _units[now.Unit].Spec.ReactionTime.Seconds;
            var backup = now.Window.LatestLaunch >= look ? (1 - later.Window.KillProbability) * now.Net : 0;
            return later.Net + backup >= now.Net;
        }

        public void PickByMarginalReturn()
        {
            var options = Options;
            var order = new List<int>();
            for (var k = 0; k < options.Length; k++)
                if (options[k].Allowed) order.Add(k);
            var nets = _options;
            order.Sort((a, b) => nets[b].Net.CompareTo(nets[a].Net) is var c && c != 0 ? c : a.CompareTo(b));
            foreach (var k in order)
            {
                var (i, u) = (options[k].Threat, options[k].Unit);
                if (_chosen[i] >= 0 || _threatOf[u] >= 0) continue;
                (_chosen[i], _threatOf[u]) = (k, i);
            }
        }

        /// <summary>Move a planned threat to another unit (swapping with that unit's threat, if any) while that raises the total net.</summary>
        public void ImproveBySwaps()
        {
            var options = Options;
            var improved = true;
            while (improved && !OutOfTime)
            {
                improved = false;
                for (var i = 0; i < _considered; i++)
                {
                    if (_chosen[i] < 0) continue;
                    for (var k = _first[i]; k < _first[i + 1]; k++)
                    {
                        var current = _chosen[i];
                        var (u, v) = (options[current].Unit, options[k].Unit);
                        if (v == u || !options[k].Allowed) continue;
                        var j = _threatOf[v];
                        var swapBack = j >= 0 ? Find(j, u) : -1;
                        if (j >= 0 && swapBack < 0) continue;
                        var before = options[current].Net + (j >= 0 ? options[_chosen[j]].Net : 0);
                        var after = options[k].Net + (j >= 0 ? options[swapBack].Net : 0);
                        if (after <= before + 1e-9) continue;
                        (_chosen[i], _threatOf[v], _threatOf[u]) = (k, i, j);
                        if (j >= 0) _chosen[j] = swapBack;
                        improved = true;
                    }
                }
            }
        }

        /// <summary>The allowed option of threat <paramref name="i"/> on unit <paramref name="u"/>, or -1.</summary>
        private int Find(int i, int u)
        {
            for (var k = _first[i]; k < _first[i + 1]; k++)
                if (_options[k].Unit == u && _options[k].Allowed) return k;
            return -1;
        }

        public List<WeaponAssignment> Assignments()
        {
            var result = new List<WeaponAssignment>();
            for (var i = 0; i < _considered; i++)
            {
                if (_chosen[i] < 0) continue;
                var o = _options[_chosen[i]];
                var spec = _units[o.Unit].Spec;
                var w = o.Window;
                result.Add(new WeaponAssignment(spec, _threats[i].Track.Id, w.Rounds, w.EarliestLaunch,
                    w.Intercept.Time, w.Intercept.Point, w.KillProbability, spec.CostPerShot * w.Rounds));
            }
            return result;
        }
    }
}
