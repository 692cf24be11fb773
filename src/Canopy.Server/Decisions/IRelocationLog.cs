namespace Canopy.Server.Decisions;

/// <summary>Where the fire units' relocations applied in each run are kept, for the after-action replay.</summary>
public interface IRelocationLog
{
    void Add(Relocation relocation);

    /// <summary>The well-formed relocations of one run, in the order they were applied (malformed rows are left out).</summary>
    IReadOnlyList<Relocation> RelocationsFor(string runId);
}
