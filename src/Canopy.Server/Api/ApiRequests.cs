namespace Canopy.Server.Api;

/// <summary>POST /api/runs: which scenario, seed, approval mode (manual, semi, auto) and clock speed; all optional.</summary>
public sealed record StartRunRequest(string? Scenario, int? Seed, string? Mode, double? Speed, bool? Paused, double? SemiAutomaticDelay);

/// <summary>PUT /api/runs/{id}/clock: pause or resume, and/or a new speed (simulated seconds per wall second).</summary>
public sealed record ClockRequest(bool? Paused, double? Speed);

/// <summary>PUT /api/runs/{id}/mode: the approval mode and, optionally, the semi-automatic delay in simulated seconds.</summary>
public sealed record ModeRequest(string? Mode, double? SemiAutomaticDelay);

/// <summary>POST /api/runs/{id}/step: advance the run now by this many simulated seconds.</summary>
public sealed record StepRequest(double? Seconds);

/// <summary>
/// POST /api/runs/{id}/recommendations/{recommendationId}/approve (or veto): the version of the recommendation the
/// operator saw (its figures); null or no body: none named.
/// </summary>
public sealed record DecisionRequest(int? Version);
