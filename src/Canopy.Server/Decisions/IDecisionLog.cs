namespace Canopy.Server.Decisions;

/// <summary>Where every engagement decision is kept.</summary>
public interface IDecisionLog
{
    void Add(Decision decision);

    /// <summary>The decisions of one run, in the order they were made.</summary>
    IReadOnlyList<Decision> ForRun(string runId);
}
