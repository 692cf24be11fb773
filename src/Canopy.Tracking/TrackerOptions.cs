namespace Canopy.Tracking;

/// <summary>Tuning of <see cref="KalmanTracker"/>. All values SI; the defaults suit drones through ballistic missiles.</summary>
public sealed record TrackerOptions
{
    /// <summary>
    /// Spectral density q of the white acceleration noise of slow tracks, m²/s³ ((m/s²)²/Hz). 2 follows a drone's
    /// gentle turns (about 1.5 m/s² at 1 s revisits) while keeping its velocity estimate within a few m/s.
    /// </summary>
    public double ProcessNoiseDensity { get; init; } = 2;

    /// <summary>
    /// Spectral density q for tracks faster than <see cref="FastSpeed"/>, m²/s³: 100 absorbs gravity (about 10 m/s²)
    /// on a ballistic arc, which the constant-velocity model does not know about.
    /// </summary>
    public double FastProcessNoiseDensity { get; init; } = 100;

    /// <summary>Speed (m/s) above which a track uses <see cref="FastProcessNoiseDensity"/>.</summary>
    public double FastSpeed { get; init; } = 600;

    /// <summary>M of M-of-N confirmation: hits needed among the last <see cref="ConfirmationWindow"/> opportunities.</summary>
    public int ConfirmationHits { get; init; } = 3;

    /// <summary>N of M-of-N confirmation (at most 30): opportunities a tentative track gets to collect its hits, else it is deleted.</summary>
    public int ConfirmationWindow { get; init; } = 5;

    /// <summary>Consecutive missed opportunities that delete a tentative track.</summary>
    public int TentativeMaxMisses { get; init; } = 2;

    /// <summary>Consecutive missed opportunities that delete a confirmed track.</summary>
    public int ConfirmedMaxMisses { get; init; } = 4;

    /// <summary>A track not updated for longer than this (s) is deleted, whatever its misses.</summary>
    public double MaxCoastTime { get; init; } = 60;

    /// <summary>Gate on the squared Mahalanobis distance of a 3-D plot: chi-square, 3 degrees of freedom, 99.9 %.</summary>
    public double PositionGate { get; init; } = 16.266;

    /// <summary>Gate on the squared normalised innovation of a bearing: chi-square, 1 degree of freedom, 99.9 %.</summary>
    public double BearingGate { get; init; } = 10.828;

    /// <summary>
    /// Fastest target a new track may belong to, m/s (ballistic missiles reach about Mach 6). A new track's velocity
    /// standard deviation is this over the square root of <see cref="PositionGate"/>, so a second plot up to this speed
    /// away passes the gate: in effect two-point initiation.
    /// </summary>
    public double MaxInitiationSpeed { get; init; } = 2500;

    /// <summary>Standard deviation (m, per axis) of <c>Position</c> plots, which carry no sensor specification.</summary>
    public double PositionPlotSigma { get; init; } = 50;

    /// <summary>Cell size (m) of the horizontal grid that finds gating candidates.</summary>
    public double GridCellSize { get; init; } = 5000;

    /// <summary>Standard deviation of a new track's velocity, m/s per axis.</summary>
    public double InitialVelocitySigma => MaxInitiationSpeed / Math.Sqrt(PositionGate);
}
