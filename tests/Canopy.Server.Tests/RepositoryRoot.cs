namespace Canopy.Server.Tests;

/// <summary>The repository root, found above the test binaries by its Canopy.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Scenarios => System.IO.Path.Combine(Path, "scenarios");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Canopy.sln"))) return dir.FullName;
        throw new InvalidOperationException("Canopy.sln not found above " + AppContext.BaseDirectory);
    }
}
