using System.Diagnostics;

namespace Canopy.Interop.Cot.Tests;

/// <summary>Runs the independent tools (xmllint, protoc) and finds the repository and the shared oracle files.</summary>
internal static class Tools
{
    public static string RepositoryRoot { get; } = FindUp(AppContext.BaseDirectory, "Canopy.sln")
        ?? throw new InvalidOperationException("Canopy.sln not found above " + AppContext.BaseDirectory);

    /// <summary>The CoT base-event schema: ../shared/cot relative to the repository (or further up), or null if absent.</summary>
    public static string? CotSchema
    {
        get
        {
            for (var dir = new DirectoryInfo(RepositoryRoot).Parent; dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, "shared", "cot", "cot-event.xsd");
                if (File.Exists(path)) return path;
            }
            return null;
        }
    }

    public static string ProtoDirectory => Path.Combine(RepositoryRoot, "src", "Canopy.Interop.Cot", "Proto");

    public static (int ExitCode, string Stdout, string Stderr) Run(string exe, byte[]? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{exe} did not start (scripts/setup.sh installs it)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.BaseStream.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{exe} did not finish in 30 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? FindUp(string start, string file)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, file))) return dir.FullName;
        return null;
    }
}
