using System.Diagnostics;
using System.Globalization;

namespace Canopy.Assignment.Static;

/// <summary>
/// Runs the COIN-OR CBC binary on an LP file and reads back its status, bound and nonzero variables. CBC gets the
/// time left as its own limit; if it has not finished shortly after the deadline (or on cancellation) it is killed.
/// </summary>
internal static class CbcProcess
{
    /// <summary>What CBC reported: whether it proved optimality or infeasibility, its lower bound and the solution values.</summary>
    public sealed record Result(bool Optimal, bool Infeasible, double Bound, IReadOnlyDictionary<string, double>? Values);

    /// <summary>How long after the deadline a CBC that has not stopped by itself is killed, unless the caller says otherwise.</summary>
    private static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(0.3);

    /// <param name="grace">
    /// How long past the deadline CBC may take to stop by itself and report what it proved (default 0.3 s); a caller that
    /// needs CBC's bound at its time limit more than the deadline (the clairvoyant bound) gives more.
    /// </param>
    public static Result Run(string cbc, string model, SolverDeadline deadline, double cutoff, TimeSpan? grace = null)
    {
        var limit = deadline.Remaining;
        var solution = Path.ChangeExtension(model, ".sol");
        if (File.Exists(solution)) File.Delete(solution);
        var info = new ProcessStartInfo(cbc) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[model, "-timeMode", "elapsed", "-sec", F(Math.Max(1, limit.TotalSeconds)), "-ratioGap", "0", "-allowableGap", F(1e-9 * Math.Abs(cutoff)), "-cutoff", F(cutoff), "-solve", "-solution", solution])
            info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {cbc}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"the exact solver needs the COIN-OR CBC binary `{cbc}` on PATH (apt-get install coinor-cbc): {e.Message}", e);
        }
        string output;
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            var read = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            bool exited;
            using (deadline.CancellationToken.Register(() => Kill(process)))
                exited = process.WaitForExit(deadline.Remaining + (grace ?? DefaultGrace));
            if (!exited || deadline.CancellationToken.IsCancellationRequested)
            {
                Kill(process);
                process.WaitForExit();
                return new Result(false, false, double.NegativeInfinity, null);
            }
            output = read.Result;
            _ = error.Result;
        }
        var lines = output.Split('\n');
        var result = lines.FirstOrDefault(l => l.StartsWith("Result - ", StringComparison.Ordinal)) ?? "";
        var infeasible = result.Contains("infeasible", StringComparison.OrdinalIgnoreCase)
            || output.Contains("Problem is infeasible", StringComparison.Ordinal)
            || (File.Exists(solution) && File.ReadLines(solution).FirstOrDefault() is { } head && head.StartsWith("Infeasible", StringComparison.Ordinal));
        var optimal = result.Contains("Optimal solution found", StringComparison.Ordinal);
        var bound = double.NegativeInfinity;
        var boundLine = lines.FirstOrDefault(l => l.StartsWith("Lower bound:", StringComparison.Ordinal));
        if (boundLine is not null && double.TryParse(boundLine["Lower bound:".Length..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var b)) bound = b;
        if (infeasible || !File.Exists(solution)) return new Result(optimal, infeasible, bound, null);
        var text = File.ReadAllLines(solution);
        if (text.Length == 0 || !(text[0].StartsWith("Optimal", StringComparison.Ordinal) || text[0].StartsWith("Stopped", StringComparison.Ordinal)) || text[0].Contains("no integer", StringComparison.OrdinalIgnoreCase))
            return new Result(optimal, infeasible, bound, null);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length >= 3 && double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) values[f[1]] = v;
        }
        return new Result(optimal, infeasible, bound, values);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already exited
        }
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
