using System.Net;
using Canopy.Core.Quantities;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>
/// Whom and what an ASTERIX feed believes (<see cref="AsterixPlotDecoder"/>). CAT048 plots and CAT034 ends of scan come only from
/// the declared radars' SAC/SIC; CAT062 system tracks and CAT021 ADS-B reports only from <see cref="Partners"/> (when given);
/// datagrams only from <see cref="SourceAddresses"/> (when given). A record whose time of day lies more than
/// <see cref="MaxLead"/> after the feed's clock (the latest time accepted, plus the time elapsed since it was received) or more
/// than <see cref="MaxLag"/> before it is dropped and counted, so one record cannot move the pipeline's clock into the future.
/// </summary>
public sealed record AsterixFeedOptions
{
    /// <summary>Any partner, any address, 30 s lead and 300 s lag.</summary>
    public static AsterixFeedOptions Default { get; } = new();

    /// <summary>SAC/SIC whose CAT062 system tracks and CAT021 ADS-B reports are used; null: any.</summary>
    public IReadOnlySet<DataSource>? Partners { get; init; }

    /// <summary>The only addresses datagrams are accepted from; empty: any.</summary>
    public IReadOnlyList<IPAddress> SourceAddresses { get; init; } = [];

    /// <summary>How far a record's time may lie ahead of the feed's clock (clock skew between sources).</summary>
    public Duration MaxLead { get; init; } = Duration.FromSeconds(30);

    /// <summary>How far a record's time may lie behind the feed's clock (late reports).</summary>
    public Duration MaxLag { get; init; } = Duration.FromSeconds(300);

    /// <summary>Whether a datagram from this address is accepted.</summary>
    public bool Accepts(IPAddress? address) =>
        SourceAddresses.Count == 0 || (address is not null && SourceAddresses.Any(a => a.Equals(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)));
}
