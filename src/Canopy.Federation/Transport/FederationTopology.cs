using Canopy.Federation.Messages;
using Canopy.Messaging;

namespace Canopy.Federation.Transport;

/// <summary>
/// Names on the broker and who may use them. Each nation N publishes only to its exchange <c>canopy.from.N</c> (topic,
/// routing key = payload type) and reads from every nation's exchange, from <c>canopy.world.N</c> (the world's plots for N:
/// no other nation may read them) and from its own queues <c>canopy.to.N.*</c>. The world publishes to <c>canopy.world.*</c>
/// and reads every <c>canopy.from.*</c>. The broker enforces this with per-user permissions and checks each message's
/// user-id property against the connection's user.
/// </summary>
public static class FederationTopology
{
    public const string WorldUser = "canopy-world";

    public static string NationExchange(string nation) => $"canopy.from.{nation}";
    public static string WorldExchange(string nation) => $"canopy.world.{nation}";
    public static string QueuePrefix(string party) => $"canopy.to.{party}.";
    public static string UserOf(string party) => party == MessageCodec.WorldNation ? WorldUser : $"canopy-{party}";

    /// <summary>The nation that alone can publish on <paramref name="exchange"/>: N for canopy.from.N, the world for canopy.world.*; null otherwise.</summary>
    public static string? PublisherOf(string exchange) =>
        exchange.StartsWith("canopy.from.", StringComparison.Ordinal) ? exchange["canopy.from.".Length..]
        : exchange.StartsWith("canopy.world.", StringComparison.Ordinal) ? MessageCodec.WorldNation
        : null;

    public static BrokerUser NationUser(string nation, string password) => new(UserOf(nation), password,
        Configure: $"^canopy\\.to\\.{nation}\\..*$",
        Write: $"^(canopy\\.from\\.{nation}|canopy\\.to\\.{nation}\\..*)$",
        Read: $"^(canopy\\.from\\.[A-Z]{{2,3}}|canopy\\.world\\.{nation}|canopy\\.to\\.{nation}\\..*)$");

    public static BrokerUser WorldBrokerUser(string password) => new(WorldUser, password,
        Configure: "^canopy\\.to\\.WLD\\..*$",
        Write: "^(canopy\\.world\\.[A-Z]{2,3}|canopy\\.to\\.WLD\\..*)$",
        Read: "^(canopy\\.from\\.[A-Z]{2,3}|canopy\\.to\\.WLD\\..*)$");

    public static IReadOnlyList<BrokerExchange> Exchanges(IEnumerable<string> nations) =>
        [.. nations.SelectMany(n => new[] { new BrokerExchange(NationExchange(n), "topic"), new BrokerExchange(WorldExchange(n), "fanout") })];

    public static string RoutingKey(PayloadType type) => type.ToString().ToLowerInvariant();
}
