using Canopy.Tracking;

namespace Canopy.ThreatEvaluation;

/// <summary>The threat evaluation stage: which tracks matter, to which asset, how soon and how much.</summary>
public interface IThreatEvaluator
{
    /// <summary>One assessment per confirmed track, ranked by score, highest first.</summary>
    IReadOnlyList<ThreatAssessment> Evaluate(double time, IReadOnlyList<Track> tracks);
}
