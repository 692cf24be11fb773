namespace Canopy.Simulation.Results;

/// <summary>Everything one simulated night produced. Serialised as the `--json` result; same scenario and seed give the same bytes.</summary>
/// <param name="FalseTracks">Confirmed tracks that matched no threat when confirmed (clutter).</param>
/// <param name="CostExchangeRatio">Defender's spend divided by the attacker's spend on the threats the defence destroyed (lower is better for the defence); 0 when nothing was destroyed.</param>
public sealed record RunResult(
    string Scenario,
    int Seed,
    double SimulatedSeconds,
    IReadOnlyList<ThreatClassOutcome> Threats,
    IReadOnlyList<EffectorUse> Interceptors,
    double DefenderSpend,
    double AttackerSpend,
    double AttackerSpendDestroyed,
    double CostExchangeRatio,
    IReadOnlyList<AssetDamage> Assets,
    double TotalDamage,
    double TotalAssetValue,
    int FalseTracks,
    IReadOnlyList<TimelineEvent> Events)
{
    /// <summary>Damage the pipeline expected from the threats it tracked, had none been engaged (value units).</summary>
    public double ExpectedDamage { get; init; }

    /// <summary>That damage times each threat's probability of surviving the salvos fired at it: what the pipeline expected to suffer.</summary>
    public double ExpectedDamageAfterDefence { get; init; }

    /// <summary>Value (asset value units) the night's threats would destroy undefended, from the truth: Σ lethality x value of the assets their aim points lie in.</summary>
    public double ValueAtRisk { get; init; }

    /// <summary>
    /// Expected value saved by the salvos fired: Σ value at risk x (1 - Π (1 - true salvo Pk)) over each threat's salvos.
    /// No assigner can exceed the clairvoyant bound of the same night (<c>canopy bound</c>).
    /// </summary>
    public double ExpectedValueSaved { get; init; }

    /// <summary>What the impact-point (Iron Dome) rule saved and let through.</summary>
    public ImpactRuleOutcome ImpactRule { get; init; } = new(0, 0, 0);

    /// <summary>What became of the aircraft of each identity (civil, friendly, hostile); aircraft are never counted as threats.</summary>
    public IReadOnlyList<AircraftOutcome> Aircraft { get; init; } = [];

    /// <summary>
    /// The classification confusion: for every threat or aircraft the pipeline assessed, its true class against the class
    /// of its last assessment, counted.
    /// </summary>
    public IReadOnlyList<ClassificationCount> Classification { get; init; } = [];

    /// <summary>Every figure of the run as a named number, in a fixed order, for Monte Carlo statistics.</summary>
    public IEnumerable<(string Name, double Value)> Figures()
    {
        foreach (var t in Threats)
        {
            yield return ($"threats.{t.Class}.launched", t.Launched);
            yield return ($"threats.{t.Class}.detected", t.Detected);
            yield return ($"threats.{t.Class}.tracked", t.Tracked);
            yield return ($"threats.{t.Class}.engaged", t.Engaged);
            yield return ($"threats.{t.Class}.destroyed", t.Destroyed);
            yield return ($"threats.{t.Class}.leaked", t.Leaked);
        }
        foreach (var e in Interceptors)
        {
            yield return ($"interceptors.{e.EffectorClass}.rounds", e.Rounds);
            yield return ($"interceptors.{e.EffectorClass}.cost", e.Cost);
        }
        foreach (var a in Aircraft)
        {
            yield return ($"aircraft.{a.Identity}.flown", a.Flown);
            yield return ($"aircraft.{a.Identity}.assessed_as_threat", a.AssessedAsThreat);
            yield return ($"aircraft.{a.Identity}.engaged", a.Engaged);
            yield return ($"aircraft.{a.Identity}.destroyed", a.Destroyed);
        }
        yield return ("spend.defender", DefenderSpend);
        yield return ("spend.attacker", AttackerSpend);
        yield return ("spend.attacker_destroyed", AttackerSpendDestroyed);
        yield return ("cost_exchange_ratio", CostExchangeRatio);
        foreach (var a in Assets) yield return ($"damage.{a.Name}", a.Damage);
        yield return ("damage.total", TotalDamage);
        yield return ("damage.expected", ExpectedDamage);
        yield return ("damage.expected_after_defence", ExpectedDamageAfterDefence);
        yield return ("value.at_risk", ValueAtRisk);
        yield return ("value.expected_saved", ExpectedValueSaved);
        yield return ("rule.threats_not_engaged", ImpactRule.ThreatsNotEngaged);
        yield return ("rule.salvo_cost_saved", ImpactRule.SalvoCostSaved);
        yield return ("rule.hits_let_through", ImpactRule.HitsLetThrough);
        yield return ("tracks.false", FalseTracks);
    }
}

/// <summary>
/// The impact-point rule's effect: threats it excluded that a fire unit could have engaged and that were never engaged,
/// the price of the cheapest salvo each would have drawn, and how many of them hit an asset after all.
/// </summary>
public sealed record ImpactRuleOutcome(int ThreatsNotEngaged, double SalvoCostSaved, int HitsLetThrough);

/// <summary>What became of the threats of one class. Each count is of threats, not of events.</summary>
public sealed record ThreatClassOutcome(
    string Class, int Launched, int Detected, int Tracked, int Engaged, int Destroyed, int Leaked, double AttackerSpend);

/// <summary>
/// What became of the aircraft of one identity. Each count is of aircraft: <paramref name="AssessedAsThreat"/> those the
/// pipeline ever treated as a candidate threat (civil and friendly ones should not be, once ADS-B or IFF names them).
/// </summary>
public sealed record AircraftOutcome(string Identity, int Flown, int Tracked, int AssessedAsThreat, int Engaged, int Destroyed);

/// <summary>How many objects of one true class were last assessed as one class.</summary>
public sealed record ClassificationCount(string TrueClass, string AssessedClass, int Count);

/// <summary>Rounds fired by one class of effector and what they cost.</summary>
public sealed record EffectorUse(string EffectorClass, int Engagements, int Rounds, double Cost);

/// <summary>Damage to one defended asset: Damage is in the scenario's value units (value-weighted).</summary>
public sealed record AssetDamage(string Name, string Kind, double Value, int Hits, double Damage);

public enum TimelineEventKind { Launch, FirstDetection, TrackConfirmed, Engagement, Kill, Miss, Look, Impact }

/// <summary>One line of the night's time line. Ids are -1 where they do not apply.</summary>
public sealed record TimelineEvent(
    double Time, TimelineEventKind Kind, int ThreatId, string ThreatClass, int TrackId, string? Effector, string Detail);
