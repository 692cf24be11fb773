namespace Canopy.Tracking;

/// <summary>Which motion models the track filter runs.</summary>
public enum MotionFilter
{
    /// <summary>Interacting multiple models, those of <see cref="TrackerOptions.Models"/>.</summary>
    Imm,

    /// <summary>A single constant-velocity Kalman filter.</summary>
    ConstantVelocity,

    /// <summary>A single constant-acceleration (9-state) Kalman filter.</summary>
    ConstantAcceleration,
}

/// <summary>A motion model of the IMM.</summary>
public enum MotionModelKind
{
    /// <summary>Constant velocity, 6-state.</summary>
    ConstantVelocity,

    /// <summary>Two coordinated turns, at ± <see cref="TrackerOptions.TurnRate"/>.</summary>
    CoordinatedTurn,

    /// <summary>Constant velocity plus gravity above <see cref="TrackerOptions.FastSpeed"/>.</summary>
    Ballistic,

    /// <summary>Constant acceleration (Wiener-process acceleration), 9-state, mixed by state augmentation.</summary>
    ConstantAcceleration,
}

/// <summary>How a nonlinear (radar, bearing) measurement updates the filter.</summary>
public enum MeasurementUpdate
{
    /// <summary>Extended Kalman filter: linearised at the predicted mean.</summary>
    Ekf,

    /// <summary>Unscented Kalman filter: sigma points through the measurement function.</summary>
    Ukf,
}

/// <summary>How plots are associated with tracks within each gate cluster.</summary>
public enum AssociationMethod
{
    /// <summary>Global nearest neighbour by optimal 2-D assignment.</summary>
    Gnn,

    /// <summary>Joint probabilistic data association (exact enumeration; GNN for clusters too large).</summary>
    Jpda,
}

/// <summary>A sensor's registration bias, subtracted from its plots: range (m) and azimuth (rad).</summary>
public sealed record SensorBias(int SensorId, double RangeBias, double AzimuthBias);

/// <summary>Tuning of <see cref="KalmanTracker"/>. All values SI; the defaults suit drones through ballistic missiles.</summary>
public sealed record TrackerOptions
{
    private static readonly MotionModelKind[] DefaultModels = [MotionModelKind.ConstantVelocity, MotionModelKind.CoordinatedTurn, MotionModelKind.Ballistic];

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
    /// Gate on the squared normalised innovation ν²/s of a plot's range rate, when its radar reports one: chi-square,
    /// 1 degree of freedom, 99.9 %. A pair must pass it as well as <see cref="PositionGate"/>.
    /// </summary>
    public double RangeRateGate { get; init; } = 10.828;

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

    /// <summary>Motion models of the track filter; default the IMM.</summary>
    public MotionFilter Filter { get; init; } = MotionFilter.Imm;

    /// <summary>
    /// Motion models of the IMM (<see cref="MotionFilter.Imm"/>), in order, each at most once; default constant
    /// velocity, coordinated turns and ballistic. A new track's mode probabilities weigh constant velocity 7 against 1
    /// for each other model (0.7, 0.1, 0.1, 0.1 by default).
    /// </summary>
    public IReadOnlyList<MotionModelKind> Models { get; init; } = DefaultModels;

    /// <summary>
    /// Spectral density q of the white jerk noise of the constant-acceleration model, m²/s⁵: over a step dt the
    /// acceleration wanders by √(q·dt) per axis, so 1 lets it change by about 3 m/s² over a 10 s revisit.
    /// </summary>
    public double ConstantAccelerationNoiseDensity { get; init; } = 1;

    /// <summary>
    /// Standard deviation σa (m/s², per axis) of a new track's acceleration, and of the acceleration a 6-state mode
    /// is taken to have (mean 0) when the IMM mixes it into the constant-acceleration mode.
    /// </summary>
    public double AccelerationSigma { get; init; } = 10;

    /// <summary>Radar and bearing measurement update; default the EKF.</summary>
    public MeasurementUpdate Update { get; init; } = MeasurementUpdate.Ekf;

    /// <summary>Plot-to-track association; default GNN.</summary>
    public AssociationMethod Association { get; init; } = AssociationMethod.Gnn;

    /// <summary>Turn rate (rad/s) of the IMM's two coordinated-turn models (±): 0.1 is a 2.5 g turn at 250 m/s.</summary>
    public double TurnRate { get; init; } = 0.1;

    /// <summary>Noise density q (m²/s³) of the coordinated-turn models.</summary>
    public double TurnProcessNoiseDensity { get; init; } = 2;

    /// <summary>Noise density q (m²/s³) of the ballistic model (drag and curvature not modelled); it falls only above <see cref="FastSpeed"/>.</summary>
    public double BallisticProcessNoiseDensity { get; init; } = 5;

    /// <summary>
    /// Ballistic coefficient β = m/(C_D·A) (kg/m²) of the ballistic model's drag, in an exponential atmosphere
    /// (1.225 kg/m³ at sea level, 7,200 m scale height); null (the default) leaves drag out, to the process noise.
    /// </summary>
    public double? BallisticCoefficient { get; init; }

    /// <summary>
    /// Noise density q (m²/s³) of the IMM's constant-velocity mode (below <see cref="FastSpeed"/>): lower than
    /// <see cref="ProcessNoiseDensity"/>, which a lone constant-velocity filter needs to follow turns, because the
    /// IMM's turn modes take the manoeuvres. 0.2 smooths a straight-flying drone's 0.2° radar plots best on the shipped scenarios.
    /// </summary>
    public double ImmConstantVelocityNoiseDensity { get; init; } = 0.2;

    /// <summary>
    /// Mean time (s) the IMM expects a target to stay in one motion mode. 120 s: drones and missiles fly straight legs
    /// of minutes; at 10 s the turn modes kept a third of the weight over a 10 s revisit and added their spread to straight tracks.
    /// </summary>
    public double ModeSojournTime { get; init; } = 120;

    /// <summary>Probability that a radar detects a track in its coverage (JPDA).</summary>
    public double DetectionProbability { get; init; } = 0.9;

    /// <summary>Density of false plots, per m³ and scan (JPDA, and β_FA of the score-based initiation).</summary>
    public double ClutterDensity { get; init; } = 1e-12;

    /// <summary>How tracks are confirmed and deleted: M-of-N (default) or by their log-likelihood-ratio score.</summary>
    public TrackInitiation Initiation { get; init; } = TrackInitiation.MOfN;

    /// <summary>Score initiation: density of new targets per m³ and scan, β_NT.</summary>
    public double NewTargetDensity { get; init; } = 1e-15;

    /// <summary>Score initiation: α, the probability of confirming a false track.</summary>
    public double FalseTrackProbability { get; init; } = 1e-6;

    /// <summary>Score initiation: β, the probability of not confirming a true track.</summary>
    public double MissedTrackProbability { get; init; } = 0.1;

    /// <summary>Score initiation: a track whose score falls this far below its highest is deleted (7 outlasts three misses at P_D 0.9, 3·ln 0.1 = −6.9; a fourth deletes).</summary>
    public double DeletionDrop { get; init; } = 7;

    /// <summary>Joint events JPDA may enumerate in one cluster; larger clusters use GNN.</summary>
    public int MaxJpdaHypotheses { get; init; } = 10_000;

    /// <summary>A track whose predicted position standard deviation (m, largest axis) exceeds this is deleted.</summary>
    public double MaxPositionSigma { get; init; } = 5_000;

    /// <summary>
    /// Oldest out-of-sequence plot (s before the track's last update) still used: it is applied from the state before
    /// the last update, which is then replayed. Older plots, or ones before that state, are dropped and counted.
    /// </summary>
    public double MaxOutOfSequenceLag { get; init; } = 5;

    /// <summary>Registration biases of sensors, subtracted from their plots.</summary>
    public IReadOnlyList<SensorBias> SensorBiases { get; init; } = [];

    /// <summary>Standard deviation of a new track's velocity, m/s per axis.</summary>
    public double InitialVelocitySigma => MaxInitiationSpeed / Math.Sqrt(PositionGate);
}
