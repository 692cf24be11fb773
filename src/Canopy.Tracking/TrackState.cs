using System.Numerics;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Tracking.Filtering;

namespace Canopy.Tracking;

/// <summary>
/// The tracker's working copy of one track: filter state at its last update, the state before that update (to
/// take out-of-sequence plots), and its M-of-N history or log-likelihood-ratio score. Predictions to the scan in hand
/// are the tracker's scratch.
/// </summary>
internal sealed class TrackState(int models)
{
    /// <summary>Filter state at <see cref="LastUpdateTime"/>.</summary>
    public FilterState Current { get; private set; } = new(models);

    /// <summary>Filter state before the last update (valid when <see cref="HasPrior"/>).</summary>
    public FilterState Prior { get; private set; } = new(models);

    public int Id;
    public TrackStatus Status;
    public double FirstTime;
    public double LastUpdateTime;
    public int Updates;
    public int Opportunities;
    public int ConsecutiveMisses;
    public bool Deleted;
    public bool HasPrior;

    /// <summary>The plot of the last update (the most probable one under JPDA), replayed after an out-of-sequence plot.</summary>
    public Plot LastPlot;

    /// <summary>Geodetic height (m) of the track at <see cref="HeightTime"/>, for the radar horizon.</summary>
    public double Height;
    public double HeightTime = double.NaN;

    /// <summary>Log-likelihood-ratio score (score-based initiation), its highest value, and the increment of the scan's hit.</summary>
    public double Score, MaxScore, HitScore;

    private int _history;

    public double Time => Current.Time;

    /// <summary>The gating summary of <see cref="Current"/>: whoever changes <see cref="Current"/> calls <see cref="CurrentChanged"/>.</summary>
    public TrackMotion Motion { get; private set; }

    /// <summary>Position extrapolated (mean only, constant velocity) to <paramref name="t"/>.</summary>
    public Vec3 PositionAt(double t) => Motion.PositionAt(t);

    /// <summary>Refreshes <see cref="Motion"/> after <see cref="Current"/> changed.</summary>
    public void CurrentChanged() => Motion = new TrackMotion(Current);

    /// <summary>
    /// Makes <paramref name="updated"/> (a prediction updated with the scan's plots) current and the current state
    /// prior: the two buffers are exchanged and the update copied in, so that a track's states stay side by side in
    /// memory, and the tracker's scratch stays its own.
    /// </summary>
    public void CommitUpdate(FilterState updated)
    {
        (Prior, Current) = (Current, Prior);
        Current.CopyFrom(updated);
        HasPrior = true;
        LastUpdateTime = Current.Time;
        CurrentChanged();
    }

    /// <summary>Records one opportunity (a scan that could have seen the track) and whether it did.</summary>
    public void RecordOpportunity(bool hit, TrackerOptions options)
    {
        Opportunities++;
        _history = ((_history << 1) | (hit ? 1 : 0)) & ((1 << options.ConfirmationWindow) - 1);
        ConsecutiveMisses = hit ? 0 : ConsecutiveMisses + 1;
        if (Status == TrackStatus.Tentative)
        {
            if (BitOperations.PopCount((uint)_history) >= options.ConfirmationHits) Status = TrackStatus.Confirmed;
            else if (ConsecutiveMisses >= options.TentativeMaxMisses || Opportunities >= options.ConfirmationWindow) Deleted = true;
        }
        else if (ConsecutiveMisses >= options.ConfirmedMaxMisses)
        {
            Deleted = true;
        }
    }

    /// <summary>Records one opportunity with its score increment; confirms or deletes by <paramref name="test"/>.</summary>
    public void RecordScore(double increment, SequentialProbabilityRatioConfirmation test)
    {
        Opportunities++;
        Score += increment;
        MaxScore = Math.Max(MaxScore, Score);
        if (Status == TrackStatus.Tentative && Score >= test.ConfirmationThreshold) Status = TrackStatus.Confirmed;
        else if (Score <= MaxScore - test.DeletionDrop) Deleted = true;
    }

    /// <summary>Starts a tentative track at a measured position with an uninformative velocity.</summary>
    public void Start(InteractingMultipleModelFilter filter, int id, in Plot plot, Vec3 z, ReadOnlySpan<double> r, double velocitySigma)
    {
        Id = id;
        Status = TrackStatus.Tentative;
        FirstTime = LastUpdateTime = plot.Time;
        Updates = 1;
        Opportunities = 0;
        ConsecutiveMisses = 0;
        Deleted = false;
        HasPrior = false;
        LastPlot = plot;
        HeightTime = double.NaN;
        _history = 0;
        Span<double> x = [z.X, z.Y, z.Z, 0, 0, 0];
        Span<double> p = stackalloc double[36];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++) p[i * 6 + j] = r[i * 3 + j];
            p[(i + 3) * 7] = velocitySigma * velocitySigma;
        }
        filter.Initialise(Current, plot.Time, x, p);
    }

    /// <summary>
    /// Gives a just started track the measured range rate: velocity ṙ·u along the unit line of sight u with variance
    /// σṙ², the uninformative spread kept across it (P_v = σ²·(I − u·uᵀ) + σṙ²·u·uᵀ).
    /// </summary>
    public void AlignVelocityWithRangeRate(InteractingMultipleModelFilter filter, Vec3 lineOfSight, double rangeRate, double rangeRateSigma)
    {
        Span<double> x = stackalloc double[6];
        Span<double> p = stackalloc double[36];
        Current.X.CopyTo(x);
        Current.P.CopyTo(p);
        Span<double> u = [lineOfSight.X, lineOfSight.Y, lineOfSight.Z];
        var spread = p[21]; // the velocity variance Start gave every axis
        for (var i = 0; i < 3; i++)
        {
            x[3 + i] = rangeRate * u[i];
            for (var j = 0; j < 3; j++)
                p[(3 + i) * 6 + 3 + j] = (i == j ? spread : 0) + (rangeRateSigma * rangeRateSigma - spread) * u[i] * u[j];
        }
        filter.Initialise(Current, Current.Time, x, p);
    }
}
