using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Canopy.Server;

/// <summary>How to run the console server.</summary>
/// <param name="ScenarioDirectory">Folder of the scenarios the picker lists.</param>
/// <param name="WebRoot">Folder of the built console (web/dist), or null to serve the API alone.</param>
/// <param name="DatabasePath">The record: a SQLite file, or a postgres://user@host:port/database URL.</param>
/// <param name="Port">TCP port; 0 picks a free one.</param>
public sealed record ConsoleServerOptions(string ScenarioDirectory, string? WebRoot, string DatabasePath, int Port = 5080)
{
    /// <summary>The address to listen on: 127.0.0.1 unless told otherwise. Requests must name it (or a loopback name) as their host.</summary>
    public IPAddress Listen { get; init; } = IPAddress.Loopback;

    /// <summary>Serve HTTPS with this certificate (and its private key); null: plain HTTP.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>
    /// The SQLite file of the operators' accounts: the record's own file when the record is SQLite; beside the server in
    /// .canopy/accounts.db when the record is PostgreSQL (accounts are per server, the record shared).
    /// </summary>
    public string AccountsPath { get; init; } = Decisions.PostgresDecisionLog.IsUrl(DatabasePath) ? Path.Combine(".canopy", "accounts.db") : DatabasePath;

    /// <summary>Most runs live at once (started and neither stopped nor finished); one more is refused with 409.</summary>
    public int MaxLiveRuns { get; init; } = 4;

    /// <summary>The host names a request may give: 127.0.0.1, localhost, [::1] and the listen address.</summary>
    public IReadOnlySet<string> AllowedHosts
    {
        get
        {
            var hosts = new HashSet<string>(Security.RequestGuard.LoopbackHosts, StringComparer.OrdinalIgnoreCase);
            hosts.Add(Listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Listen}]" : Listen.ToString());
            return hosts;
        }
    }
}
