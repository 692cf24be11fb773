namespace Canopy.Assignment.Static;

/// <summary>
/// The end of a solver's time budget, read from an injected <see cref="TimeProvider"/>, joined with its cancellation
/// token. Every phase of a static WTA solver asks <see cref="Expired"/> (hot loops every few hundred steps) or hands a
/// bounded share of what is left to a sub-phase (<see cref="Share"/>), so that the solver returns a valid plan soon
/// after the budget ends whatever phase it is in.
/// </summary>
public sealed class SolverDeadline
{
    private readonly TimeProvider _time;
    private readonly long _start;
    private readonly long _end;

    private SolverDeadline(TimeProvider time, long start, long end, CancellationToken cancellationToken)
    {
        _time = time;
        _start = start;
        _end = end;
        CancellationToken = cancellationToken;
    }

    /// <summary>The cancellation token that ends the budget early.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>A deadline <paramref name="budget"/> from now (a budget too long for the clock never ends by itself).</summary>
    public static SolverDeadline Start(TimeProvider time, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetTimestamp();
        return new SolverDeadline(time, now, After(now, budget.TotalSeconds * time.TimestampFrequency), cancellationToken);
    }

    /// <summary>Wall time since the solver started.</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_start);

    /// <summary>Time left before the deadline (zero once it has passed).</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = _end - _time.GetTimestamp();
            return left <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min((double)left / _time.TimestampFrequency, TimeSpan.MaxValue.TotalSeconds / 2));
        }
    }

    /// <summary>Whether the budget has ended or the solver was cancelled.</summary>
    public bool Expired => CancellationToken.IsCancellationRequested || _time.GetTimestamp() >= _end;

    /// <summary>
    /// A deadline for a sub-phase: <paramref name="fraction"/> of the time left, at most <paramref name="most"/>, and
    /// never past this deadline. It counts <see cref="Elapsed"/> from the same start.
    /// </summary>
    public SolverDeadline Share(double fraction, TimeSpan most)
    {
        var now = _time.GetTimestamp();
        var left = Math.Max(0, _end - now);
        var share = Math.Min(fraction * left, most.TotalSeconds * _time.TimestampFrequency);
        return new SolverDeadline(_time, _start, Math.Min(_end, After(now, share)), CancellationToken);
    }

    private static long After(long now, double ticks) =>
        ticks >= long.MaxValue / 4.0 ? long.MaxValue : now + (long)Math.Max(0, ticks);
}
