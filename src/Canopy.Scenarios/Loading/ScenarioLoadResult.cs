using Canopy.Scenarios.Model;

namespace Canopy.Scenarios.Loading;

/// <summary>The outcome of loading a scenario file: the scenario, or every error found in it.</summary>
/// <param name="Scenario">The scenario; null when there are errors.</param>
/// <param name="Errors">All errors, in file order.</param>
public sealed record ScenarioLoadResult(Scenario? Scenario, IReadOnlyList<ScenarioError> Errors);

/// <summary>One mistake in a scenario file, at a 1-based line and column.</summary>
public sealed record ScenarioError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
