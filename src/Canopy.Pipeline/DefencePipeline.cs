using System.Diagnostics;
using Canopy.Assignment;
using Canopy.Core.Sensing;
using Canopy.Engagement;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Pipeline;

/// <summary>
/// plots -> tracks -> threats -> assignments -> engagements. The same object runs a simulation and a live defence;
/// it never sees ground truth. When given the fire units' reported positions, it moves the units to them at the start of
/// every step, so the assigner plans from where the mobile fire groups are now. Its identity stage, when it has one, is
/// fed ADS-B reports and IFF replies between steps.
/// </summary>
public sealed class DefencePipeline(
    ITracker tracker,
    IThreatEvaluator evaluator,
    IWeaponAssigner assigner,
    IEngagementController engagement,
    Core.Defence.IEffectorPositions? positions = null,
    CooperativeIdentityCorrelator? identity = null)
{
    /// <summary>The identity stage the evaluator consults, to be fed ADS-B reports and IFF replies; null when it is fed elsewhere.</summary>
    public CooperativeIdentityCorrelator? Identity => identity;

    public IReadOnlyList<FireUnitState> FireUnits => engagement.FireUnits;

    /// <summary>When set, each step adds the time of its tracker, evaluator, assigner and engagement stages to it.</summary>
    public StageTimes? Times { get; set; }

    public PipelineStep Step(double time, ReadOnlySpan<Plot> plots)
    {
        var times = Times;
        var lap = times is null ? 0 : Stopwatch.GetTimestamp();
        if (positions is not null) engagement.Relocate(positions);
        var tracks = tracker.Update(time, plots);
        if (times is not null) lap = times.Lap(Stage.Tracker, lap);
        var threats = evaluator.Evaluate(time, tracks);
        if (times is not null) lap = times.Lap(Stage.Evaluator, lap);
        var assignments = assigner.Assign(time, threats, engagement.FireUnits);
        if (times is not null) lap = times.Lap(Stage.Assigner, lap);
        var engagements = engagement.Step(time, tracks, assignments);
        times?.Lap(Stage.Engagement, lap);
        return new PipelineStep(time, tracks, threats, assignments, engagements);
    }
}

/// <summary>Everything one pipeline step produced, for display and recording.</summary>
public sealed record PipelineStep(
    double Time,
    IReadOnlyList<Track> Tracks,
    IReadOnlyList<ThreatAssessment> Threats,
    IReadOnlyList<WeaponAssignment> Assignments,
    EngagementStep Engagements);
