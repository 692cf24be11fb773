using Canopy.Core.Defence;

namespace Canopy.Server.Live;

/// <summary>
/// The live picture as pushed over the hub, compact for 1,000 tracks: the tracks as one flat number array of
/// <see cref="TrackStride"/> numbers each (id, confirmed 0/1, latitude and longitude in degrees to 1e-6, height to 1 m,
/// velocity east, north, up to 0.1 m/s, class index into <see cref="Classes"/>: the threat class, or Civil or Friendly for
/// an aircraft ADS-B or IFF identified, or -1 when not evaluated), and only the
/// <see cref="WireThreats"/> highest-scored threats in full. The REST <see cref="Picture"/> keeps every field.
/// </summary>
/// <param name="ThreatCount">Threats evaluated in all (the list holds at most <see cref="WireThreats"/>).</param>
/// <param name="Status">The run's <see cref="RunState.Status"/>.</param>
/// <param name="Reason">The run's <see cref="RunState.Reason"/>: why it failed, or why decisions are not recorded now.</param>
/// <param name="Holds">Tracks the operator holds fire on.</param>
public sealed record LivePicture(
    string RunId,
    double Time,
    bool Finished,
    RunClockState Clock,
    string Mode,
    double[] Tracks,
    IReadOnlyList<ThreatView> Threats,
    int ThreatCount,
    IReadOnlyList<RecommendationView> Recommendations,
    IReadOnlyList<FireUnitView> FireUnits,
    IReadOnlyList<EventView> NewEvents,
    SummaryView Summary,
    double SentAt,
    string Status = RunStatus.Running,
    string? Reason = null,
    IReadOnlyList<HoldView>? Holds = null)
{
    /// <summary>Numbers per track in <see cref="Tracks"/>.</summary>
    public const int TrackStride = 9;

    /// <summary>Most threats sent in full per picture (the console lists 30 and draws at most this many impacts).</summary>
    public const int WireThreats = 200;

    private static readonly string[] ClassNames = [.. Enum.GetNames<ThreatClass>(), "Civil", "Friendly"];

    /// <summary>Index in <see cref="Classes"/> of an identified civil aircraft.</summary>
    public static readonly int CivilClass = ClassNames.Length - 2;

    /// <summary>Index in <see cref="Classes"/> of an identified friendly aircraft.</summary>
    public static readonly int FriendlyClass = ClassNames.Length - 1;

    /// <summary>Class names by the index used in <see cref="Tracks"/>: the threat classes, then Civil and Friendly.</summary>
    public IReadOnlyList<string> Classes => ClassNames;
}
