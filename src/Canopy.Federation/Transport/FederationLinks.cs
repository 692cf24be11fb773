using Canopy.Federation.Messages;
using Canopy.Federation.Trust;

namespace Canopy.Federation.Transport;

/// <summary>The links of the federation's parties, wired to their keys and sources.</summary>
public static class FederationLinks
{
    /// <summary>Nation <paramref name="nation"/>'s link: its private key signs; partners' public keys (and the world's) verify;
    /// reads the world's plots for it and every partner's exchange.</summary>
    public static FederationLink Node(Uri broker, string nation, IReadOnlyList<string> nations, NationKeys keys, LinkFaultInjector? faults = null,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var sources = new List<(string, string)> { (FederationTopology.WorldExchange(nation), "#") };
        sources.AddRange(nations.Where(n => n != nation).Select(n => (FederationTopology.NationExchange(n), "#")));
        return new FederationLink(LinkOptions.For(broker, nation, sources), new EnvelopeSigner(nation, keys.LoadOrCreatePrivate(nation), clock ?? TimeProvider.System),
            new EnvelopeVerifier(keys.LoadPublicKeys()), faults);
    }

    /// <summary>The world's link: signs as <see cref="MessageCodec.WorldNation"/>, reads every nation's heartbeats and tick answers.</summary>
    public static FederationLink World(Uri broker, IReadOnlyList<string> nations, NationKeys keys, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new FederationLink(LinkOptions.For(broker, MessageCodec.WorldNation, Canopy.Federation.World.WorldRunner.Sources(nations)),
            new EnvelopeSigner(MessageCodec.WorldNation, keys.LoadOrCreatePrivate(MessageCodec.WorldNation), clock ?? TimeProvider.System),
            new EnvelopeVerifier(keys.LoadPublicKeys()));
    }
}
