namespace Canopy.Server;

/// <summary>How to run the console server.</summary>
/// <param name="ScenarioDirectory">Folder of the scenarios the picker lists.</param>
/// <param name="WebRoot">Folder of the built console (web/dist), or null to serve the API alone.</param>
/// <param name="DatabasePath">The record: a SQLite file, or a postgres://user@host:port/database URL.</param>
/// <param name="Port">TCP port on 127.0.0.1; 0 picks a free one.</param>
public sealed record ConsoleServerOptions(string ScenarioDirectory, string? WebRoot, string DatabasePath, int Port = 5080);
