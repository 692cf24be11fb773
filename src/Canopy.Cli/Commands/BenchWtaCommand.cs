using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Canopy.Assignment.Static;

namespace Canopy.Cli.Commands;

/// <summary>
/// `canopy bench wta FILE|DIR`: static weapon-target assignment solvers on the published instances. Bad options and
/// files end with a message naming the option or the file and line (exit code 1), never a stack trace; Ctrl+C stops
/// the solver, which returns its best plan so far and removes its temporary files (exit code 130).
/// </summary>
internal static class BenchWtaCommand
{
    /// <summary>Longest accepted --time-limit, in seconds (about 11.6 days).</summary>
    private const double MaxSeconds = 1e6;

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "Instance file (wta_MxNxMU.txt[.gz]) or a folder of them" };
        var limit = new Option<double>("--time-limit") { Description = "Seconds per instance, at most 1000000", DefaultValueFactory = _ => 10 };
        var solver = new Option<string>("--solver") { Description = "heuristic (iterated local search), greedy (maximum marginal return) or exact (target-based: Lagrangian bound, column enumeration, CBC; asset-based: branch and bound)", DefaultValueFactory = _ => "heuristic" };
        solver.AcceptOnlyFromAmong("heuristic", "greedy", "exact");
        var solution = new Option<string?>("--solution") { Description = "Write the plan as lines `i j count` (single file only)" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var assetBased = new Option<bool>("--asset-based") { Description = "The file is an asset-based instance (docs/wta.md): maximise the expected surviving asset value (exact: branch and bound)" };
        var command = new Command("wta", "Objective, gap to the best known solution, proven lower bound and time on WTA instances") { path, limit, solver, solution, seed, assetBased };
        command.SetAction(parse => parse.GetValue(assetBased)
            ? RunAssetBased(parse.GetValue(path)!, parse.GetValue(limit), parse.GetValue(solver)!, parse.GetValue(solution), parse.GetValue(seed))
            : Run(parse.GetValue(path)!, parse.GetValue(limit), parse.GetValue(solver)!, parse.GetValue(solution), parse.GetValue(seed)));
        return command;
    }

    private static int RunAssetBased(string path, double seconds, string solverName, string? solutionPath, int seed)
    {
        if (CheckOptions(seconds, solutionPath) is { } error)
        {
            Console.Error.WriteLine(error);
            return 1;
        }
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"{path}: no such file (--asset-based takes one instance file)");
            return 1;
        }
        IAssetWtaSolver solver = solverName switch
        {
            "greedy" => new MaximumMarginalReturnAssetSolver(),
            "exact" => new BranchAndBoundAssetSolver(seed),
            _ => new IteratedLocalSearchAssetSolver(seed),
        };
        AssetWtaProblem problem;
        try
        {
            problem = AssetWtaFile.Read(path);
        }
        catch (Exception e) when (e is WtaFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e is WtaFormatException ? e.Message : $"{path}: {e.Message}");
            return 1;
        }
        using var interrupt = new Interrupt();
        var result = solver.Solve(problem, TimeSpan.FromSeconds(seconds), interrupt.Token);
        if (problem.Violation(result.Plan) is { } violation)
        {
            Console.Error.WriteLine($"{path}: solver returned an infeasible plan: {violation}");
            return 1;
        }
        var surviving = problem.SurvivingValue(result.Plan);
        var total = problem.TotalAssetValue;
        Console.WriteLine($"solver: {solverName} (asset-based), time limit {F(seconds, "0.#")} s; {problem.WeaponTypes} weapon types, {problem.TotalWeapons} weapons, {problem.Threats} threats, {problem.Assets} assets");
        var boundText = double.IsFinite(result.UpperBound) ? F(result.UpperBound, "0.000000") : "none";
        var provenText = double.IsFinite(result.UpperBound) ? F(100 * result.Gap, "0.0000") + "%" : "-";
        var proven = !double.IsFinite(result.UpperBound) ? "-" : result.Gap <= 1e-9 ? "yes" : "no";
        Console.WriteLine($"{"instance",-24} {"asset value",14} {"surviving",14} {"expected loss",14} {"upper bound",14} {"proven gap",11} {"proven",7} {"time s",8}");
        Console.WriteLine($"{WtaBestKnown.InstanceName(path),-24} {F(total, "0.000000"),14} {F(surviving, "0.000000"),14} {F(total - surviving, "0.000000"),14} {boundText,14} {provenText,11} {proven,7} {F(result.Elapsed.TotalSeconds, "0.00"),8}");
        if (solutionPath is not null && WriteSolution(solutionPath, result.Plan) is { } failure)
        {
            Console.Error.WriteLine(failure);
            return 1;
        }
        return interrupt.Token.IsCancellationRequested ? Interrupt.ExitCode : 0;
    }

    private static int Run(string path, double seconds, string solverName, string? solutionPath, int seed)
    {
        if (CheckOptions(seconds, solutionPath) is { } error)
        {
            Console.Error.WriteLine(error);
            return 1;
        }
        string[] files;
        if (Directory.Exists(path))
        {
            files = Directory.GetFiles(path, "wta_*.txt*").Order(InstanceOrder.Instance).ToArray();
            if (files.Length == 0)
            {
                Console.Error.WriteLine($"{path}: no wta_*.txt[.gz] instance files in this folder");
                return 1;
            }
            if (solutionPath is not null)
            {
                Console.Error.WriteLine("--solution: only with a single instance file");
                return 1;
            }
        }
        else if (File.Exists(path)) files = [path];
        else
        {
            Console.Error.WriteLine($"{path}: no such file or folder");
            return 1;
        }
        var readme = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(files[0]))!, "README.md");
        var bks = File.Exists(readme) ? WtaBestKnown.Read(readme) : new Dictionary<string, double>();
        IStaticWtaSolver solver = solverName switch
        {
            "greedy" => new MaximumMarginalReturnSolver(),
            "exact" => new LagrangianEnumerationSolver(seed),
            _ => new IteratedLocalSearchSolver(seed),
        };
        Console.WriteLine($"solver: {solverName}, time limit {F(seconds, "0.#")} s per instance");
        Console.WriteLine($"{"instance",-16} {"objective",14} {"BKS",14} {"gap to BKS",11} {"lower bound",14} {"proven gap",11} {"time s",8}");
        var failed = 0;
        using var interrupt = new Interrupt();
        foreach (var file in files)
        {
            if (interrupt.Token.IsCancellationRequested) break;
            var name = WtaBestKnown.InstanceName(file);
            WtaProblem problem;
            try
            {
                problem = WtaFile.Read(file);
            }
            catch (Exception e) when (e is WtaFormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e is WtaFormatException ? e.Message : $"{file}: {e.Message}");
                failed++;
                continue;
            }
            WtaSolution result;
            try
            {
                result = solver.Solve(problem, TimeSpan.FromSeconds(seconds), interrupt.Token);
            }
            catch (InvalidOperationException e)
            {
                Console.Error.WriteLine($"{name}: {e.Message}");
                failed++;
                continue;
            }
            if (result.Plan.Violation(problem) is { } violation)
            {
                Console.Error.WriteLine($"{name}: solver returned an infeasible plan: {violation}");
                failed++;
                continue;
            }
            var objective = problem.Objective(result.Plan);
            var known = bks.TryGetValue(name, out var b) ? b : double.NaN;
            var bksText = double.IsNaN(known) ? "BKS unknown" : F(known, "0.000000");
            var gapText = double.IsNaN(known) ? "-" : F(100 * (objective - known) / known, "0.0000") + "%";
            var boundText = double.IsFinite(result.LowerBound) ? F(result.LowerBound, "0.000000") : "none";
            var provenText = double.IsFinite(result.LowerBound) ? F(100 * result.Gap, "0.0000") + "%" : "-";
            Console.WriteLine($"{name,-16} {F(objective, "0.000000"),14} {bksText,14} {gapText,11} {boundText,14} {provenText,11} {F(result.Elapsed.TotalSeconds, "0.00"),8}");
            if (solutionPath is not null && WriteSolution(solutionPath, result.Plan) is { } failure)
            {
                Console.Error.WriteLine(failure);
                failed++;
            }
        }
        if (interrupt.Token.IsCancellationRequested) return Interrupt.ExitCode;
        return failed == 0 ? 0 : 1;
    }

    /// <summary>The first problem with --time-limit or --solution, found before any file is read or solved; null when both are fine.</summary>
    private static string? CheckOptions(double seconds, string? solutionPath)
    {
        if (!(seconds > 0 && seconds <= MaxSeconds))
            return $"--time-limit: {seconds.ToString(CultureInfo.InvariantCulture)} is not a number of seconds in (0, {MaxSeconds.ToString(CultureInfo.InvariantCulture)}]";
        if (solutionPath is null) return null;
        if (solutionPath.Length == 0 || Directory.Exists(solutionPath)) return $"--solution: '{solutionPath}' is not a file name";
        var folder = Path.GetDirectoryName(Path.GetFullPath(solutionPath));
        return folder is null || Directory.Exists(folder) ? null : $"--solution: folder {folder} does not exist";
    }

    /// <summary>Writes the plan as lines `i j count`; the error message when the file cannot be written.</summary>
    private static string? WriteSolution(string path, WtaPlan plan)
    {
        try
        {
            using var writer = new StreamWriter(path);
            plan.Write(writer);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--solution: cannot write {path}: {e.Message}";
        }
    }

    /// <summary>Ctrl+C or SIGTERM cancels <see cref="Token"/> instead of ending the process, so the solver can stop and clean up.</summary>
    private sealed class Interrupt : IDisposable
    {
        /// <summary>The exit code after an interruption (128 + SIGINT).</summary>
        public const int ExitCode = 130;

        private readonly CancellationTokenSource _source = new();
        private readonly PosixSignalRegistration _terminate;

        public Interrupt()
        {
            Console.CancelKeyPress += OnCancelKeyPress;
            _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                _source.Cancel();
            });
        }

        public CancellationToken Token => _source.Token;

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
            _terminate.Dispose();
            _source.Dispose();
        }

        private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            _source.Cancel();
        }
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Orders instance files by size (m, n, mu), not alphabetically.</summary>
    private sealed class InstanceOrder : IComparer<string>
    {
        public static readonly InstanceOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = Key(x ?? "");
            var b = Key(y ?? "");
            for (var k = 0; k < 3; k++)
                if (a[k] != b[k]) return a[k].CompareTo(b[k]);
            return string.CompareOrdinal(x, y);
        }

        private static long[] Key(string path)
        {
            var parts = WtaBestKnown.InstanceName(path).Replace("wta_", "", StringComparison.Ordinal).Split('x');
            var key = new long[3];
            for (var k = 0; k < Math.Min(3, parts.Length); k++)
                key[k] = long.TryParse(parts[k], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : long.MaxValue;
            return key;
        }
    }
}
