using System.Diagnostics;

namespace Canopy.Cli.Tests;

/// <summary>Runs the real `canopy` command (the built canopy.dll beside the tests) as a user would, from the repository root.</summary>
internal static class CanopyProcess
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "canopy.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["COLUMNS"] = "200";
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"canopy {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Canopy.sln"))) return dir.FullName;
        throw new InvalidOperationException("Canopy.sln not found above " + AppContext.BaseDirectory);
    }
}
