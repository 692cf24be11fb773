using Canopy.Assignment;

namespace Canopy.Engagement;

/// <summary>An order to fire: what the effectors (real or simulated) receive.</summary>
public sealed record ShotOrder(int ShotId, WeaponAssignment Assignment);

/// <summary>How an engagement ended, as the pipeline saw it at the look after the intercept.</summary>
public enum LookResult { TrackGone, TrackSurvived }

public sealed record EngagementLook(int ShotId, int TrackId, double Time, LookResult Result);

/// <summary>What one engagement step did.</summary>
public sealed record EngagementStep(IReadOnlyList<ShotOrder> Shots, IReadOnlyList<EngagementLook> Looks);
