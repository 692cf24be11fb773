namespace Canopy.Server;

/// <summary>Finds the built web console (web/dist with an index.html) above a folder, e.g. the repository root.</summary>
public static class WebConsoleFolder
{
    public static string? FindAbove(params string[] starts)
    {
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var dist = Path.Combine(dir.FullName, "web", "dist");
                if (File.Exists(Path.Combine(dist, "index.html"))) return dist;
            }
        }
        return null;
    }
}
