namespace Canopy.Assignment.Horizon;

/// <summary>
/// A clock that moves one microsecond each time it is read. A solver budget measured on it is a count of the solver's
/// looks at its clock, so what the solver returns depends only on its input, never on the machine's speed or load.
/// One per solve (not thread-safe).
/// </summary>
internal sealed class StepClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => ++_ticks;
}
