namespace Canopy.Tracking;

/// <summary>How new tracks are confirmed and tracks deleted.</summary>
public enum TrackInitiation
{
    /// <summary>M hits among N opportunities confirm; consecutive misses delete.</summary>
    MOfN,

    /// <summary>The log-likelihood-ratio track score against a sequential probability ratio test; see <see cref="SequentialProbabilityRatioConfirmation"/>.</summary>
    Score,
}

/// <summary>
/// Score-based track confirmation and deletion (Blackman and Popoli, Design and Analysis of Modern Tracking Systems,
/// 1999, §6.2; the score logic of MATLAB's trackerGNN). A track's score L is the log of the ratio of the likelihoods
/// that its plots come from a target and that they are false alarms. A new track starts at L = ln(β_NT/β_FA); each
/// hit adds ln P_D − ln β_FA − (M/2)·ln 2π − ½·ln|S| − d²/2 (the plot's M-dimensional innovation covariance S and
/// squared Mahalanobis distance d²), each miss ln(1 − P_D). The track is confirmed when L reaches Wald's upper
/// threshold ln((1 − β)/α), α being the probability of confirming a false track and β of missing a true one, and
/// deleted, tentative or confirmed, once L falls <see cref="TrackerOptions.DeletionDrop"/> below the highest score it
/// reached. β_NT and β_FA are densities of new targets and of false plots per m³ and scan.
/// </summary>
public sealed class SequentialProbabilityRatioConfirmation
{
    /// <summary>Detection probabilities are held within [P, 1 − P] so that neither a miss nor a hit scores infinitely.</summary>
    private const double ProbabilityFloor = 1e-3;

    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    private readonly double _logFalseAlarmDensity;

    public SequentialProbabilityRatioConfirmation(TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.FalseTrackProbability is > 0 and < 1) || !(options.MissedTrackProbability is > 0 and < 1))
            throw new ArgumentException("false- and missed-track probabilities must lie strictly between 0 and 1", nameof(options));
        if (!(options.ClutterDensity > 0) || !(options.NewTargetDensity > 0))
            throw new ArgumentException("clutter and new-target densities must be positive", nameof(options));
        _logFalseAlarmDensity = Math.Log(options.ClutterDensity);
        InitialScore = Math.Log(options.NewTargetDensity) - _logFalseAlarmDensity;
        ConfirmationThreshold = Math.Log((1 - options.MissedTrackProbability) / options.FalseTrackProbability);
        DeletionDrop = options.DeletionDrop;
    }

    /// <summary>Score of a track on its first plot, ln(β_NT/β_FA).</summary>
    public double InitialScore { get; }

    /// <summary>Wald's upper threshold ln((1 − β)/α): a score this high confirms.</summary>
    public double ConfirmationThreshold { get; }

    /// <summary>A track whose score falls this far below its highest is deleted.</summary>
    public double DeletionDrop { get; }

    /// <summary>Score increment of a hit: a plot at squared Mahalanobis distance <paramref name="d2"/> with ln|S| = <paramref name="logDetS"/>.</summary>
    public double Hit(double d2, double logDetS, int dimension, double detectionProbability) =>
        Math.Log(Clamp(detectionProbability)) - _logFalseAlarmDensity - 0.5 * (dimension * LogTwoPi + logDetS + d2);

    /// <summary>Score increment of a missed opportunity, ln(1 − P_D).</summary>
    public static double Miss(double detectionProbability) => Math.Log(1 - Clamp(detectionProbability));

    private static double Clamp(double p) => Math.Clamp(p, ProbabilityFloor, 1 - ProbabilityFloor);
}
