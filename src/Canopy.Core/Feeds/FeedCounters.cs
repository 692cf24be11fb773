using System.Globalization;

namespace Canopy.Core.Feeds;

/// <summary>
/// What a live input (an ASTERIX or CoT feed) received and what it dropped, and why: malformed, from a source not declared
/// (SAC/SIC, uid or address), at an implausible time, with implausible values (a position beyond the pole, a jump no unit can
/// drive). Thread-safe: the feed counts while the console and the status line read.
/// </summary>
public sealed class FeedCounters
{
    private long _received, _malformed, _bySource, _byTime, _implausible, _restarts;

    /// <summary>Datagrams or stream messages received.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages that did not decode (or decoded with errors), skipped.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Messages or records dropped because their source (address, SAC/SIC, uid) is not declared.</summary>
    public long RejectedBySource => Interlocked.Read(ref _bySource);

    /// <summary>Records dropped because their time is implausibly far from the feed's clock (or in the future).</summary>
    public long RejectedByTime => Interlocked.Read(ref _byTime);

    /// <summary>Records dropped because a value is out of range or implausible (a position beyond the pole, an impossible move).</summary>
    public long Implausible => Interlocked.Read(ref _implausible);

    /// <summary>Times the feed's receive loop failed and was restarted.</summary>
    public long Restarts => Interlocked.Read(ref _restarts);

    /// <summary>The latest fault of the receive loop, for display.</summary>
    public string? LastFault { get; private set; }

    public void CountReceived() => Interlocked.Increment(ref _received);
    public void CountMalformed() => Interlocked.Increment(ref _malformed);
    public void CountRejectedBySource() => Interlocked.Increment(ref _bySource);
    public void CountRejectedByTime() => Interlocked.Increment(ref _byTime);
    public void CountImplausible() => Interlocked.Increment(ref _implausible);

    public void CountRestart(string fault)
    {
        LastFault = fault;
        Interlocked.Increment(ref _restarts);
    }

    /// <summary>"N received, N malformed, N rejected by source, N by time, N implausible" (and restarts, when any).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Received} received, {Malformed} malformed, {RejectedBySource} rejected by source, {RejectedByTime} by time, {Implausible} implausible") +
        (Restarts > 0 ? string.Create(CultureInfo.InvariantCulture, $", {Restarts} restarts (last: {LastFault})") : "");
}
