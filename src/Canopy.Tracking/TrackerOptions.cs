using Canopy.Core.Defence;
using Canopy.Core.Quantities;

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

    /// <summary>A track not updated for longer than this is deleted, whatever its misses.</summary>
    public Duration MaxCoastTime { get; init; } = Duration.FromSeconds(60);

    /// <summary>
    /// Gate on the squared Mahalanobis distance of a 3-D plot: chi-square, 3 degrees of freedom, 99.998 %. Clutter is
    /// sparse at a held track's gate (35 false plots over 300 x 300 x 12 km put 10⁻⁵ in it), so a wide gate costs little
    /// and keeps a manoeuvring target: against 16.266 (99.9 %) it took the generic position feed's GOSPA 2 to 3 % lower,
    /// the quiet night's 1 % lower and the ballistic salvo's 0.7 % higher.
    /// </summary>
    public double PositionGate { get; init; } = 25;

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

    /// <summary>
    /// Turn rate (rad/s) of the IMM's two coordinated-turn models (±): 3°/s, an aircraft's standard rate turn; mixing
    /// with the constant-velocity mode covers gentler turns, and the process noise sharper ones. (0.1 rad/s followed
    /// the generic position feeds' 0.5 to 3°/s turns 5 % worse in GOSPA, and the shipped scenarios 0.5 % better.)
    /// </summary>
    public double TurnRate { get; init; } = 3 * Math.PI / 180;

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
    /// Mean time (s) the IMM expects a target to stay in one motion mode. 480 s: drones and missiles fly straight legs
    /// of many minutes; against 120 s it took the mean GOSPA (seed 7) of the quiet night from 639 m to 606 m and of the
    /// record night from 3,868 m to 3,593 m, the ballistic salvo's unchanged (626 m); at 10 s the turn modes kept a
    /// third of the weight over a 10 s revisit and added their spread to straight tracks. Position feeds of manoeuvring
    /// aircraft take 30 s (<see cref="ForPositionFeeds"/>).
    /// </summary>
    public double ModeSojournTime { get; init; } = 480;

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

    /// <summary>
    /// Ratio of the vertical to the horizontal white-acceleration noise density of the slow constant-velocity and
    /// coordinated-turn models (fast tracks and the ballistic model keep one density on every axis): aircraft and drones
    /// manoeuvre far more across the ground than up and down. 0.01 took the quiet night's mean GOSPA (seed 7) from 704 m
    /// (at 1) to 642 m; the ballistic salvo's tracks are fast and keep one density.
    /// </summary>
    public double VerticalNoiseRatio { get; init; } = 0.01;

    /// <summary>
    /// The defaults for a tracker fed by <paramref name="sensors"/>, from their own descriptions. Radars keep
    /// <see cref="TrackerOptions"/>' defaults. When every scanning sensor is a position sensor (a partner's system tracks,
    /// a test feed), track management follows from the feeds' detection probability P_D (the lowest), report period T
    /// (the longest) and clutter density λ (the highest), as <see cref="ForPositionFeeds"/> explains.
    /// </summary>
    public static TrackerOptions For(IEnumerable<SensorSpec> sensors)
    {
        ArgumentNullException.ThrowIfNull(sensors);
        var list = sensors.ToList();
        var feeds = list.OfType<PositionSensorSpec>().ToList();
        return feeds.Count == 0 || list.Any(s => s is RadarSpec) ? new TrackerOptions() : ForPositionFeeds(feeds);
    }

    /// <summary>
    /// Track management for position feeds, each rule from the feeds' description:
    /// a confirmed track is deleted after K consecutive missed scans, K the fewest (at least 2) with (1 − P_D)^K ≤ 10⁻³,
    /// so that a held target is dropped less than once in a thousand scans (K = 3 at P_D 0.9); a tentative track after m,
    /// the fewest with (1 − P_D)^m ≤ 0.25 (1 down to P_D 0.75: a clutter track dies at once, a target's restarts at its
    /// next plot); coasting ends after (K + 1)·T, the time K scans take to pass; a tentative track is confirmed by M hits
    /// among M + m scans, M = 2 when the false tracks two hits let through would average at most one: the false plots
    /// of a scan, times λ times the volume of a new track's second gate (the chance that another false plot falls in it),
    /// times the K + 1 scans such a track lives; else M = 3. The gate is the chi-square <see cref="PositionGate"/>
    /// ellipsoid of two plots' noise plus a new track's velocity spread over T. The IMM's <see cref="ModeSojournTime"/>
    /// is 30 s (<see cref="FeedSojournTime"/>).
    /// P_D and λ also become <see cref="DetectionProbability"/> and <see cref="ClutterDensity"/> (JPDA, score initiation).
    /// </summary>
    public static TrackerOptions ForPositionFeeds(IReadOnlyCollection<PositionSensorSpec> feeds)
    {
        ArgumentNullException.ThrowIfNull(feeds);
        var defaults = new TrackerOptions();
        if (feeds.Count == 0) return defaults;
        var pd = Math.Clamp(feeds.Min(f => f.DetectionProbability.Value), 0.01, 1);
        var miss = 1 - pd;
        var confirmedMisses = FewestMisses(miss, 1e-3, 2);
        var tentativeMisses = FewestMisses(miss, 0.25, 1);
        var periods = feeds.Where(f => f.ReportPeriod is { Seconds: > 0 }).Select(f => f.ReportPeriod!.Value.Seconds).ToList();
        var period = periods.Count > 0 ? periods.Max() : double.NaN;
        var densities = feeds.Select(f => f.ClutterDensity).OfType<double>().ToList();
        var clutter = densities.Count > 0 ? densities.Max() : double.NaN;
        var hits = 3;
        if (!double.IsNaN(period) && !double.IsNaN(clutter))
        {
            // The second gate of a track started on one plot: two plots' noise and the velocity spread over one period, per axis.
            var v = defaults.InitialVelocitySigma * period;
            var volume = 4.0 / 3 * Math.PI * Math.Pow(defaults.PositionGate, 1.5)
                * feeds.Max(f => Spread(f.SigmaEast, v) * Spread(f.SigmaNorth, v) * Spread(f.SigmaUp, v));
            var falseAlarms = feeds.Max(f => f.FalseAlarmsPerScan);
            if (falseAlarms * clutter * volume * (confirmedMisses + 1) <= 1) hits = 2;
        }
        return defaults with
        {
            DetectionProbability = pd,
            ClutterDensity = clutter > 0 ? clutter : defaults.ClutterDensity,
            ConfirmedMaxMisses = confirmedMisses,
            TentativeMaxMisses = tentativeMisses,
            ConfirmationHits = hits,
            ConfirmationWindow = hits + tentativeMisses,
            MaxCoastTime = double.IsNaN(period) ? defaults.MaxCoastTime : Duration.FromSeconds((confirmedMisses + 1) * period),
            ModeSojournTime = FeedSojournTime,
        };

        static double Spread(Length sigma, double velocitySpread) => Math.Sqrt(2 * sigma.Metres * sigma.Metres + velocitySpread * velocitySpread);
    }

    /// <summary>
    /// <see cref="ModeSojournTime"/> for position feeds, s. Not the sensor's but the targets': a partner's system tracks
    /// and test feeds carry aircraft that turn every minute or so, where the default's 480 s suits the shipped scenarios'
    /// drones on legs of many minutes. On the generic feeds 30 s beat 120 s by 3 % (1 s and 2 s periods) to 9 % (5 s),
    /// and 12 scans of the feed.
    /// </summary>
    private const double FeedSojournTime = 30;

    /// <summary>The fewest consecutive misses, at least <paramref name="least"/> and at most 20, whose probability <paramref name="miss"/>^n is at most <paramref name="chance"/>.</summary>
    private static int FewestMisses(double miss, double chance, int least)
    {
        var n = least;
        while (n < 20 && Math.Pow(miss, n) > chance * (1 + 1e-9)) n++;
        return n;
    }

    /// <summary>Standard deviation of a new track's velocity, m/s per axis.</summary>
    public double InitialVelocitySigma => MaxInitiationSpeed / Math.Sqrt(PositionGate);

    /// <summary>
    /// Every rule these options break, as (property, rule) pairs: empty when the tracker can run on them. The tracker's
    /// constructor refuses options with any; the tracker.yaml reader places each at its key's line and column.
    /// </summary>
    public IReadOnlyList<OptionRule> Validate()
    {
        var broken = new List<OptionRule>();
        void Check(bool ok, string property, string rule)
        {
            if (!ok) broken.Add(new OptionRule(property, rule));
        }
        const string NonNegative = "a finite number, 0 or more";
        const string Positive = "a finite positive number";
        static bool Finite(double v) => double.IsFinite(v);
        Check(Finite(ProcessNoiseDensity) && ProcessNoiseDensity >= 0, nameof(ProcessNoiseDensity), NonNegative);
        Check(Finite(FastProcessNoiseDensity) && FastProcessNoiseDensity >= 0, nameof(FastProcessNoiseDensity), NonNegative);
        Check(FastSpeed > 0, nameof(FastSpeed), "a positive speed (m/s), or infinity for none");
        Check(ConfirmationWindow is >= 1 and <= 30, nameof(ConfirmationWindow), "a whole number from 1 to 30");
        Check(ConfirmationHits >= 1 && (ConfirmationWindow is < 1 or > 30 || ConfirmationHits <= ConfirmationWindow), nameof(ConfirmationHits),
            "a whole number from 1 to confirmation-window");
        Check(TentativeMaxMisses >= 1, nameof(TentativeMaxMisses), "a whole number, 1 or more");
        Check(ConfirmedMaxMisses >= 1, nameof(ConfirmedMaxMisses), "a whole number, 1 or more");
        Check(MaxCoastTime.Seconds > 0, nameof(MaxCoastTime), "a positive duration");
        Check(Finite(PositionGate) && PositionGate > 0, nameof(PositionGate), Positive + " (a chi-square value, 3 degrees of freedom)");
        Check(Finite(BearingGate) && BearingGate > 0, nameof(BearingGate), Positive + " (a chi-square value, 1 degree of freedom)");
        Check(RangeRateGate > 0, nameof(RangeRateGate), "positive (a chi-square value, 1 degree of freedom)");
        Check(Finite(MaxInitiationSpeed) && MaxInitiationSpeed > 0, nameof(MaxInitiationSpeed), Positive + " (m/s)");
        Check(Finite(PositionPlotSigma) && PositionPlotSigma > 0, nameof(PositionPlotSigma), Positive + " (m)");
        Check(Finite(GridCellSize) && GridCellSize > 0, nameof(GridCellSize), Positive + " (m)");
        Check(Enum.IsDefined(Filter), nameof(Filter), "one of imm, constant-velocity, constant-acceleration");
        Check(Models.Count > 0 && Models.Distinct().Count() == Models.Count && Models.All(Enum.IsDefined), nameof(Models),
            "a non-empty list of distinct motion models");
        Check(Finite(ConstantAccelerationNoiseDensity) && ConstantAccelerationNoiseDensity >= 0, nameof(ConstantAccelerationNoiseDensity), NonNegative);
        Check(Finite(AccelerationSigma) && AccelerationSigma > 0, nameof(AccelerationSigma), Positive + " (m/s²)");
        Check(Enum.IsDefined(Update), nameof(Update), "one of ekf, ukf");
        Check(Enum.IsDefined(Association), nameof(Association), "one of gnn, jpda");
        Check(Finite(TurnRate) && TurnRate > 0, nameof(TurnRate), Positive + " (rad/s)");
        Check(Finite(TurnProcessNoiseDensity) && TurnProcessNoiseDensity >= 0, nameof(TurnProcessNoiseDensity), NonNegative);
        Check(Finite(BallisticProcessNoiseDensity) && BallisticProcessNoiseDensity >= 0, nameof(BallisticProcessNoiseDensity), NonNegative);
        Check(BallisticCoefficient is null || (Finite(BallisticCoefficient.Value) && BallisticCoefficient > 0), nameof(BallisticCoefficient),
            Positive + " (kg/m²), or absent");
        Check(Finite(ImmConstantVelocityNoiseDensity) && ImmConstantVelocityNoiseDensity >= 0, nameof(ImmConstantVelocityNoiseDensity), NonNegative);
        Check(ModeSojournTime > 0, nameof(ModeSojournTime), "a positive time (s)");
        Check(DetectionProbability is > 0 and <= 1, nameof(DetectionProbability), "a probability above 0 and at most 1");
        Check(Finite(ClutterDensity) && ClutterDensity > 0, nameof(ClutterDensity), "a positive density (per m³ and scan)");
        Check(Enum.IsDefined(Initiation), nameof(Initiation), "one of m-of-n, score");
        Check(Finite(NewTargetDensity) && NewTargetDensity > 0, nameof(NewTargetDensity), "a positive density (per m³ and scan)");
        Check(FalseTrackProbability is > 0 and < 1, nameof(FalseTrackProbability), "a probability strictly between 0 and 1");
        Check(MissedTrackProbability is > 0 and < 1, nameof(MissedTrackProbability), "a probability strictly between 0 and 1");
        Check(Finite(DeletionDrop) && DeletionDrop > 0, nameof(DeletionDrop), "positive");
        Check(MaxJpdaHypotheses >= 1, nameof(MaxJpdaHypotheses), "a whole number, 1 or more");
        Check(MaxPositionSigma > 0, nameof(MaxPositionSigma), "a positive length (m), or infinity for none");
        Check(Finite(MaxOutOfSequenceLag) && MaxOutOfSequenceLag >= 0, nameof(MaxOutOfSequenceLag), NonNegative + " (s)");
        Check(Finite(VerticalNoiseRatio) && VerticalNoiseRatio >= 0, nameof(VerticalNoiseRatio), NonNegative);
        Check(SensorBiases.All(b => b is not null && Finite(b.RangeBias) && Finite(b.AzimuthBias)), nameof(SensorBiases),
            "a list of { sensor-id, range-bias (m), azimuth-bias (rad) } with finite biases");
        Check(SensorBiases.Where(b => b is not null).Select(b => b.SensorId).Distinct().Count() == SensorBiases.Count(b => b is not null),
            nameof(SensorBiases), "at most one bias per sensor");
        return broken;
    }
}

/// <summary>A rule an options record breaks: the property (C# name) and what it must be.</summary>
public sealed record OptionRule(string Property, string Rule)
{
    public override string ToString() => $"{Property}: must be {Rule}";
}
