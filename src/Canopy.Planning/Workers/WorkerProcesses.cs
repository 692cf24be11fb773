using System.Diagnostics;

namespace Canopy.Planning.Workers;

/// <summary>
/// Worker processes started by the planner (<c>canopy worker --broker URI</c>, the same executable), stopped when
/// disposed: each is killed by its own process handle, never by name.
/// </summary>
public sealed class WorkerProcesses : IDisposable
{
    private readonly List<Process> _processes = [];

    /// <param name="executable">The canopy executable (or dotnet) and the arguments before <c>worker</c> (e.g. the dll).</param>
    public WorkerProcesses(string executable, IReadOnlyList<string> prefix, Uri broker, int count)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 64);
        for (var i = 0; i < count; i++)
        {
            var info = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in prefix) info.ArgumentList.Add(a);
            foreach (var a in new[] { "worker", "--broker", broker.ToString() }) info.ArgumentList.Add(a);
            var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {executable}");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            _processes.Add(process);
        }
    }

    public IReadOnlyList<int> Ids => [.. _processes.Select(p => p.Id)];

    public void Dispose()
    {
        foreach (var p in _processes)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                p.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            p.Dispose();
        }
        _processes.Clear();
    }
}
