namespace Canopy.Federation.Node;

/// <summary>How a node waits for its partners.</summary>
/// <param name="PartnerWait">How long (wall) a phase waits for a partner's message of the tick before going on without it
/// and counting the partner silent (it is waited for again once heard). With perfect links no wait runs out, and the
/// night is the in-process federated night exactly.</param>
/// <param name="SnapshotWait">How long after a (re)connection the node waits for the partners' snapshots.</param>
public sealed record NodeOptions(TimeSpan PartnerWait, TimeSpan SnapshotWait)
{
    public static readonly NodeOptions Default = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3));

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (PartnerWait <= TimeSpan.Zero || PartnerWait > TimeSpan.FromMinutes(10)) problems.Add("partner wait must be between 0 and 10 minutes");
        if (SnapshotWait < TimeSpan.Zero || SnapshotWait > TimeSpan.FromMinutes(10)) problems.Add("snapshot wait must be between 0 and 10 minutes");
        return problems;
    }
}
