using Canopy.Federation.Messages;
using Canopy.Federation.Transport;
using Canopy.Federation.Trust;
using Canopy.Messaging;

namespace Canopy.Federation.Tests.Transport;

/// <summary>One private broker for the federation tests (boot takes seconds to a minute on a loaded machine), with
/// users for nations AA and BB and the world, their exchanges, and keys in a scratch folder.</summary>
public sealed class FederationBrokerFixture : IAsyncLifetime
{
    public static readonly string[] Nations = ["AA", "BB"];
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "canopy-fed-test-" + Guid.NewGuid().ToString("N")[..8]);
    public PrivateBroker Broker { get; private set; } = null!;
    public NationKeys Keys { get; private set; } = null!;
    public Dictionary<string, BrokerUser> Users { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        foreach (var n in Nations) Users[n] = FederationTopology.NationUser(n, $"pw-{n}-0123456789");
        Users[MessageCodec.WorldNation] = FederationTopology.WorldBrokerUser("pw-world-0123456789");
        Keys = new NationKeys(Path.Combine(Folder, "keys"));
        foreach (var n in Nations.Append(MessageCodec.WorldNation)) Keys.LoadOrCreatePrivate(n).Dispose();
        Broker = await PrivateBroker.StartAsync(Path.Combine(Folder, "broker"),
            new BrokerOptions(Users: [.. Users.Values], Exchanges: FederationTopology.Exchanges(Nations)));
    }

    public Uri UriOf(string party) => Broker.UriFor(Users[party]);

    public async Task DisposeAsync()
    {
        await Broker.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
