using System.Reflection;
using Canopy.Server.Approval;
using Canopy.Server.Decisions;
using Canopy.Server.Live;

namespace Canopy.Server.Api;

/// <summary>
/// The REST API: scenarios, runs (start, state, stop, clock, mode, step), tracks, recommendations (approve, veto),
/// decisions, events, after-action result. Bad input gets 400 (or 404 for an unknown id) with a problem message.
/// The OpenAPI document is served at /openapi/v1.json.
/// </summary>
public static class ConsoleApi
{
    /// <summary>Clock speeds accepted, simulated seconds per wall second.</summary>
    public const double MaxSpeed = 1000;

    /// <summary>Longest step one request may ask for, simulated seconds.</summary>
    public const double MaxStepSeconds = 86400;

    public static void Map(WebApplication app, ScenarioCatalog catalog)
    {
        app.MapGet("/openapi/v1.json", () => Results.Stream(OpenApiDocument(), "application/json"));
        var api = app.MapGroup("/api");
        api.MapGet("/scenarios", () => catalog.List());
        api.MapGet("/runs", (RunRegistry runs) => runs.States());
        api.MapGet("/runs/current", (RunRegistry runs) => runs.Current is { } r ? Results.Ok(r.State()) : NotFound("no run has been started"));
        api.MapPost("/runs", (StartRunRequest request, RunRegistry runs) => Start(request, runs, catalog));
        api.MapGet("/runs/{id}", (string id, RunRegistry runs) => WithSaved(runs, id, r => Results.Ok(r.State()), s => Results.Ok(s.State)));
        api.MapDelete("/runs/{id}", async (string id, RunRegistry runs) =>
        {
            if (runs.Find(id) is not { } run) return UnknownRun(id);
            await run.StopAsync().ConfigureAwait(false);
            return Results.Ok(run.State());
        });
        api.MapGet("/runs/{id}/layout", (string id, RunRegistry runs) => WithSaved(runs, id, r => Results.Ok(r.Layout), s => Json(s.Snapshot.LayoutJson)));
        api.MapGet("/runs/{id}/picture", (string id, RunRegistry runs) => With(runs, id, r => Results.Ok(r.Picture())));
        api.MapGet("/runs/{id}/tracks", (string id, RunRegistry runs) => With(runs, id, r => Results.Ok(r.Picture().Tracks)));
        api.MapGet("/runs/{id}/threats", (string id, RunRegistry runs) => With(runs, id, r => Results.Ok(r.Picture().Threats)));
        api.MapGet("/runs/{id}/events", (string id, RunRegistry runs) => WithSaved(runs, id, r => Results.Ok(r.Events()), s => Json(s.Snapshot.EventsJson)));
        api.MapGet("/runs/{id}/replay", (string id, double? time, RunRegistry runs) => With(runs, id, r =>
        {
            var now = r.State().Time;
            if (time is not { } t || !(t >= 0 && t <= now)) return Bad($"time must be a number of simulated seconds from 0 to the run's time now, {now}");
            return Results.Ok(r.ReplayAt(t));
        }));
        api.MapGet("/runs/{id}/result", (string id, RunRegistry runs) => WithSaved(runs, id, r => Results.Ok(r.Result()), s => Json(s.Snapshot.ResultJson)));
        api.MapGet("/runs/{id}/recommendations", (string id, RunRegistry runs) => With(runs, id, r => Results.Ok(r.Picture().Recommendations)));
        api.MapPost("/runs/{id}/recommendations/{recommendationId:int}/approve",
            (string id, int recommendationId, DecisionRequest? request, RunRegistry runs) =>
                With(runs, id, r => Decided(r.Approve(recommendationId, OperatorOf(request)), recommendationId)));
        api.MapPost("/runs/{id}/recommendations/{recommendationId:int}/veto",
            (string id, int recommendationId, DecisionRequest? request, RunRegistry runs) =>
                With(runs, id, r => Decided(r.Veto(recommendationId, OperatorOf(request)), recommendationId)));
        api.MapGet("/runs/{id}/decisions", (string id, RunRegistry runs, IDecisionLog log) =>
            WithSaved(runs, id, _ => Results.Ok(log.ForRun(id)), _ => Results.Ok(log.ForRun(id))));
        api.MapPost("/runs/{id}/console-report", (string id, ConsoleReport report, RunRegistry runs) => With(runs, id, r =>
        {
            if (report.Problem() is { } problem) return Bad(problem);
            r.LastConsoleReport = report;
            return Results.Ok(report);
        }));
        api.MapGet("/runs/{id}/console-report", (string id, RunRegistry runs) => With(runs, id, r =>
            r.LastConsoleReport is { } report ? Results.Ok(report) : NotFound($"no console has reported on run '{id}' yet")));
        api.MapPut("/runs/{id}/clock", (string id, ClockRequest request, RunRegistry runs) => With(runs, id, r =>
        {
            if (request.Paused is null && request.Speed is null) return Bad("give 'paused' (true/false) and/or 'speed' (e.g. 1, 10, 60)");
            if (request.Speed is { } s && !ValidSpeed(s)) return Bad($"speed {s} is out of range: give a number above 0 and at most {MaxSpeed}");
            r.SetClock(request.Paused, request.Speed);
            return Results.Ok(r.State());
        }));
        api.MapPut("/runs/{id}/mode", (string id, ModeRequest request, RunRegistry runs) => With(runs, id, r =>
        {
            if (!ApprovalModes.TryParse(request.Mode, out var mode)) return Bad($"mode '{request.Mode}' is not one of manual, semi, auto");
            if (request.SemiAutomaticDelay is { } d && !(d >= 0 && d <= MaxStepSeconds)) return Bad($"semiAutomaticDelay {d} must be between 0 and {MaxStepSeconds} s");
            r.SetMode(mode, request.SemiAutomaticDelay);
            return Results.Ok(r.State());
        }));
        api.MapPost("/runs/{id}/step", (string id, StepRequest request, RunRegistry runs) => With(runs, id, r =>
        {
            if (request.Seconds is not { } s || !(s > 0 && s <= MaxStepSeconds)) return Bad($"seconds must be a number above 0 and at most {MaxStepSeconds}");
            r.Advance(s);
            return Results.Ok(r.State());
        }));
    }

    private static IResult Start(StartRunRequest request, RunRegistry runs, ScenarioCatalog catalog)
    {
        var mode = ApprovalMode.Manual;
        if (request.Mode is not null && !ApprovalModes.TryParse(request.Mode, out mode)) return Bad($"mode '{request.Mode}' is not one of manual, semi, auto");
        var speed = request.Speed ?? 1;
        if (!ValidSpeed(speed)) return Bad($"speed {speed} is out of range: give a number above 0 and at most {MaxSpeed}");
        var delay = request.SemiAutomaticDelay ?? 30;
        if (!(delay >= 0 && delay <= MaxStepSeconds)) return Bad($"semiAutomaticDelay {delay} must be between 0 and {MaxStepSeconds} s");
        var name = request.Scenario ?? "quiet-night";
        if (catalog.Load(name, out var error) is not { } scenario) return Bad(error!);
        var run = runs.Start(scenario, request.Seed ?? 7, mode, speed, request.Paused ?? false, delay);
        return Results.Created($"/api/runs/{run.Id}", run.State());
    }

    private static bool ValidSpeed(double s) => s > 0 && s <= MaxSpeed;

    private static string OperatorOf(DecisionRequest? request) =>
        string.IsNullOrWhiteSpace(request?.Operator) ? "operator" : request.Operator.Trim();

    private static IResult Decided(Decision? decision, int recommendationId) => decision is null
        ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "No such pending recommendation",
            detail: $"recommendation {recommendationId} is not pending (already decided, expired, or never made)")
        : Results.Ok(decision);

    private static IResult With(RunRegistry runs, string id, Func<LiveRun, IResult> action) =>
        runs.Find(id) is { } run ? action(run)
        : runs.Saved(id) is not null ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Run not live",
            detail: $"run '{id}' is not live in this server: its state, events, result and decisions are kept for review")
        : UnknownRun(id);

    /// <summary>A run live here, or one kept by the run store (an earlier process's, as last saved) for the after-action review.</summary>
    private static IResult WithSaved(RunRegistry runs, string id, Func<LiveRun, IResult> live, Func<(RunState State, Store.RunSnapshot Snapshot), IResult> saved) =>
        runs.Find(id) is { } run ? live(run) : runs.Saved(id) is { } s ? saved(s) : UnknownRun(id);

    private static IResult Json(string json) => Results.Text(json, "application/json");

    private static IResult UnknownRun(string id) => NotFound($"no run '{id}'");

    private static IResult NotFound(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    private static IResult Bad(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);

    private static Stream OpenApiDocument() =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream("openapi.json")
        ?? throw new InvalidOperationException("openapi.json is not embedded in Canopy.Server");
}
