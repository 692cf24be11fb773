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
/// threats already deferred to it.</item>
/// </list>
/// Then it picks the best net salvo among those left, one salvo per unit and per threat, until none is worth its price
/// (maximum marginal return), and improves the plan by swapping units between threats while it helps and the time
/// budget (if any) lasts. Threats already engaged wait for the look (shoot-look-shoot); with the Iron Dome rule, threats
/// to no defended area are left alone.
/// </summary>
public sealed class MarginalReturnWeaponAssigner(DefenceLayout layout, MarginalReturnOptions? options = null) : IWeaponAssigner
{
    private readonly MarginalReturnOptions _options = options ?? MarginalReturnOptions.Default;
    private readonly LaunchWindowFinder _windows = new(layout);

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

    /// <summary>One scan's working state: windows, nets, the plan.</summary>
    private sealed class Plan
    {
        private readonly MarginalReturnWeaponAssigner _owner;
        private readonly double _time;
        private readonly List<ThreatAssessment> _threats;
        private readonly IReadOnlyList<FireUnitState> _units;
        private readonly long _deadline;
        private readonly EngagementWindow?[] _window;
        private readonly double[] _net;
        private readonly bool[] _allowed;
        private readonly int[] _unitOf;
        private readonly int[] _threatOf;
        private int _considered;

        public Plan(MarginalReturnWeaponAssigner owner, double time, List<ThreatAssessment> threats,
            IReadOnlyList<FireUnitState> units, long deadline)
        {
            (_owner, _time, _threats, _units, _deadline) = (owner, time, threats, units, deadline);
            _window = new EngagementWindow?[threats.Count * units.Count];
            _net = new double[_window.Length];
            _allowed = new bool[_window.Length];
            _unitOf = Enumerable.Repeat(-1, threats.Count).ToArray();
            _threatOf = Enumerable.Repeat(-1, units.Count).ToArray();
        }

        private bool OutOfTime => Stopwatch.GetTimestamp() > _deadline;

        public void FindWindows()
        {
            var n = _units.Count;
            for (var i = 0; i < _threats.Count && !OutOfTime; i++, _considered++)
            {
                var threat = _threats[i];
                var value = _owner.Value(threat);
                for (var u = 0; u < n; u++)
                {
                    if (_owner._windows.Find(_time, threat, _units[u]) is not { } w)
                        continue;
                    var k = i * n + u;
                    _window[k] = w;
                    var debris = w.OverDefendedArea ? 1 - _owner._options.DebrisPenalty : 1;
                    _net[k] = value * w.KillProbability * debris - w.Cost;
                }
            }
        }

        public void ReserveAndDefer()
        {
            var n = _units.Count;
            var reserve = new int[n];
            for (var i = 0; i < _considered; i++)
            {
                if (!IsMissile(_threats[i].Class)) continue;
                for (var u = 0; u < n; u++)
                    if (_window[i * n + u] is { } w && _net[i * n + u] > 0) reserve[u] += w.Rounds;
            }
            var nextFree = _units.Select(u => Math.Max(_time + u.Spec.ReactionTime.Seconds, u.ReadyAt)).ToArray();
            var salvosLeft = _units.Select(u => u.RoundsLeft / Math.Max(1, u.Spec.SalvoSize)).ToArray();
            foreach (var i in Enumerable.Range(0, _considered).OrderBy(i => _threats[i].TimeToGo).ThenBy(i => i))
            {
                var missile = IsMissile(_threats[i].Class);
                var cheapestLater = -1;
                for (var u = 0; u < n; u++)
                {
                    var k = i * n + u;
                    if (_window[k] is not { } w || _net[k] <= 0) continue;
                    if (!missile && _units[u].RoundsLeft - w.Rounds < reserve[u]) continue;
                    if (w.OpensNow)
                        _allowed[k] = true;
                    else if (salvosLeft[u] > 0 && Math.Max(nextFree[u], w.EarliestLaunch) <= w.LatestLaunch
                             && (cheapestLater < 0 || w.Cost < _window[i * n + cheapestLater]!.Value.Cost))
                        cheapestLater = u;
                }
                if (cheapestLater < 0) continue;
                var later = _window[i * n + cheapestLater]!.Value;
                var anyNow = false;
                for (var u = 0; u < n; u++)
                {
                    var k = i * n + u;
                    if (_allowed[k] && _window[k]!.Value.Cost > later.Cost) _allowed[k] = false;
                    anyNow |= _allowed[k];
                }
                if (anyNow) continue;
                nextFree[cheapestLater] = Math.Max(nextFree[cheapestLater], later.EarliestLaunch)
                                          + _units[cheapestLater].Spec.ReloadTime.Seconds;
                salvosLeft[cheapestLater]--;
            }
        }

        public void PickByMarginalReturn()
        {
            var n = _units.Count;
            var options = new List<int>();
            for (var k = 0; k < _considered * n; k++)
                if (_allowed[k]) options.Add(k);
            options.Sort((a, b) => _net[b].CompareTo(_net[a]) is var c && c != 0 ? c : a.CompareTo(b));
            foreach (var k in options)
            {
                var (i, u) = (k / n, k % n);
                if (_unitOf[i] >= 0 || _threatOf[u] >= 0) continue;
                (_unitOf[i], _threatOf[u]) = (u, i);
            }
        }

        /// <summary>Swap the units of two planned threats, or move a threat to a free unit, while that raises the total net.</summary>
        public void ImproveBySwaps()
        {
            var n = _units.Count;
            var improved = true;
            while (improved && !OutOfTime)
            {
                improved = false;
                for (var i = 0; i < _considered; i++)
                {
                    var u = _unitOf[i];
                    if (u < 0) continue;
                    for (var v = 0; v < n; v++)
                    {
                        if (v == u || !_allowed[i * n + v]) continue;
                        var j = _threatOf[v];
                        var before = _net[i * n + u] + (j >= 0 ? _net[j * n + v] : 0);
                        if (j >= 0 && !_allowed[j * n + u]) continue;
                        var after = _net[i * n + v] + (j >= 0 ? _net[j * n + u] : 0);
                        if (after <= before + 1e-9) continue;
                        (_unitOf[i], _threatOf[v]) = (v, i);
                        _threatOf[u] = j;
                        if (j >= 0) _unitOf[j] = u;
                        u = v;
                        improved = true;
                    }
                }
            }
        }

        public List<WeaponAssignment> Assignments()
        {
            var n = _units.Count;
            var result = new List<WeaponAssignment>();
            for (var i = 0; i < _considered; i++)
            {
                var u = _unitOf[i];
                if (u < 0) continue;
                var w = _window[i * n + u]!.Value;
                var unit = _units[u];
                result.Add(new WeaponAssignment(unit.Spec, _threats[i].Track.Id, w.Rounds, w.EarliestLaunch,
                    w.Intercept.Time, w.Intercept.Point, w.KillProbability, unit.Spec.CostPerShot * w.Rounds));
            }
            return result;
        }
    }
}
