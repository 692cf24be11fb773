using System.Globalization;
using System.Reflection;
using Canopy.Server.Approval;
using Canopy.Server.Decisions;
using Canopy.Server.Live;
using Canopy.Server.Security;

namespace Canopy.Server.Api;

/// <summary>
/// The REST API: scenarios, runs (start, state, stop, clock, mode, step), tracks, recommendations (approve, veto),
/// holds on tracks (hold, release), decisions, events (what the defence observed), after-action result and review (the
/// truth, once a run is over). Bad input gets 400 (or 404 for an unknown id) with a problem message.
/// The OpenAPI document is served at /openapi/v1.json; each operation's <c>x-canopy-role</c> names the role it needs
/// (reads: observer; decisions: battle-manager, for the nations of the account; run control: commander). Run control is
/// recorded in the audit log, decisions in the decision log under the signed-in account's name.
/// </summary>
public static class ConsoleApi
{
    /// <summary>Clock speeds accepted, simulated seconds per wall second.</summary>
    public const double MaxSpeed = 1000;

    /// <summary>Longest step one request may ask for, simulated seconds (an hour: a longer step would hold the run for long).</summary>
    public const double MaxStepSeconds = 3600;

    /// <summary>Longest semi-automatic delay, simulated seconds.</summary>
    public const double MaxSemiAutomaticDelay = 86400;

    public static void Map(WebApplication app, ScenarioCatalog catalog)
    {
        var startGate = new Lock();
        app.MapGet("/openapi/v1.json", () => Results.Stream(OpenApiDocument(), "application/json")).AllowAnonymous();
        var read = app.MapGroup("/api").RequireAuthorization(Roles.Observer);
        var decide = app.MapGroup("/api").RequireAuthorization(Roles.BattleManager);
        var command = app.MapGroup("/api").RequireAuthorization(Roles.Commander);
        read.MapGet("/scenarios", () => catalog.List());
        LiveFeeds.Map(read);
        read.MapGet("/runs", (RunRegistry runs) => runs.States());
        read.MapGet("/runs/current", (RunRegistry runs) => runs.Current is { } r ? Results.Ok(r.State()) : NotFound("no run has been started"));
        command.MapPost("/runs", (StartRunRequest request, RunRegistry runs, ConsoleServerOptions options, HttpContext context, IAuditLog audit,
            TimeProvider time) =>
        {
            lock (startGate) return Start(request, runs, catalog, options.MaxLiveRuns, Audit(context, audit, time));
        });
        read.MapGet("/runs/{id}", (string id, RunRegistry runs) => WithSaved(runs, id, r => Results.Ok(r.State()), s => Results.Ok(s.State)));
        command.MapDelete("/runs/{id}", async (string id, RunRegistry runs, HttpContext context, IAuditLog audit, TimeProvider time) =>
        {
            if (runs.Find(id) is not { } run) return UnknownRun(id);
            await run.StopAsync().ConfigureAwait(false);
            Audit(context, audit, time)("run-stop", run.Id, "stopped");
            return Results.Ok(run.State());
        });
        read.MapGet("/runs/{id}/layout", (string id, RunRegistry runs) => WithSaved(runs, id, r => Results.Ok(r.Layout), s => Json(s.Snapshot.LayoutJson)));
        read.MapGet("/runs/{id}/picture", (string id, RunRegistry runs) => With(runs, id, r => Results.Ok(r.Picture())));
        read.MapGet("/runs/{id}/tracks", (string id, RunRegistry runs) => With(runs, id, r => Results.Ok(r.Picture().Tracks)));
        read.MapGet("/runs/{id}/threats", (string id, RunRegistry runs) => With(runs, id, r => Results.Ok(r.Picture().Threats)));
        read.MapGet("/runs/{id}/events", (string id, RunRegistry runs) => WithSaved(runs, id, r => Results.Ok(r.Events()),
            s => Results.Ok(SavedEvents(s.Snapshot).Select(PictureBuilder.Observable).OfType<EventView>().ToList())));
        read.MapGet("/runs/{id}/review", (string id, RunRegistry runs) => WithSaved(runs, id,
            r => r.Review() is { } events ? Results.Ok(new RunReview(r.State(), events)) : Conflict(
                $"run '{id}' is live: its truth (launches, true classes, kills, leaks) is shown only after it is over (finished, stopped or failed)"),
            s => Results.Ok(new RunReview(s.State, SavedEvents(s.Snapshot)))));
        read.MapGet("/runs/{id}/replay", (string id, double? time, RunRegistry runs) => With(runs, id, r =>
        {
            var now = r.State().Time;
            if (time is not { } t || !(t >= 0 && t <= now)) return Bad($"time must be a number of simulated seconds from 0 to the run's time now, {now}");
            return Results.Ok(r.ReplayAt(t));
        }));
        read.MapGet("/runs/{id}/result", (string id, RunRegistry runs) => WithSaved(runs, id,
            r => r.Over ? Results.Ok(r.Result()) : Conflict($"run '{id}' is live: its result (the truth) is shown only after it is over (finished, stopped or failed)"),
            s => Json(s.Snapshot.ResultJson)));
        read.MapGet("/runs/{id}/recommendations", (string id, RunRegistry runs) => With(runs, id, r => Results.Ok(r.Picture().Recommendations)));
        decide.MapPost("/runs/{id}/recommendations/{recommendationId:int}/approve",
            (string id, int recommendationId, DecisionRequest? request, RunRegistry runs, HttpContext context) =>
                With(runs, id, r => Decide(r, recommendationId, request?.Version, context, approve: true)));
        decide.MapPost("/runs/{id}/recommendations/{recommendationId:int}/veto",
            (string id, int recommendationId, DecisionRequest? request, RunRegistry runs, HttpContext context) =>
                With(runs, id, r => Decide(r, recommendationId, request?.Version, context, approve: false)));
        read.MapGet("/runs/{id}/holds", (string id, RunRegistry runs) => With(runs, id, r => Results.Ok(r.Holds())));
        decide.MapPost("/runs/{id}/tracks/{trackId:int}/hold", (string id, int trackId, RunRegistry runs, HttpContext context) =>
            With(runs, id, r => Outcome(r.Hold(trackId, SessionApi.Signed(context).Name))));
        decide.MapDelete("/runs/{id}/tracks/{trackId:int}/hold", (string id, int trackId, RunRegistry runs, HttpContext context) =>
            With(runs, id, r => Outcome(r.Release(trackId, SessionApi.Signed(context).Name))));
        read.MapGet("/runs/{id}/decisions", (string id, RunRegistry runs, IDecisionLog log) =>
            WithSaved(runs, id, _ => Results.Ok(log.ForRun(id)), _ => Results.Ok(log.ForRun(id))));
        read.MapPost("/runs/{id}/console-report", (string id, ConsoleReport report, RunRegistry runs) => With(runs, id, r =>
        {
            if (report.Problem() is { } problem) return Bad(problem);
            r.LastConsoleReport = report;
            return Results.Ok(report);
        }));
        read.MapGet("/runs/{id}/console-report", (string id, RunRegistry runs) => With(runs, id, r =>
            r.LastConsoleReport is { } report ? Results.Ok(report) : NotFound($"no console has reported on run '{id}' yet")));
        command.MapPut("/runs/{id}/clock", (string id, ClockRequest request, RunRegistry runs, HttpContext context, IAuditLog audit, TimeProvider time) =>
            With(runs, id, r =>
            {
                if (request.Paused is null && request.Speed is null) return Bad("give 'paused' (true/false) and/or 'speed' (e.g. 1, 10, 60)");
                if (request.Speed is { } s && !ValidSpeed(s)) return Bad($"speed {s} is out of range: give a number above 0 and at most {MaxSpeed}");
                var before = r.State().Clock;
                r.SetClock(request.Paused, request.Speed);
                Audit(context, audit, time)("clock", r.Id, $"{Describe(before)} -> {Describe(r.State().Clock)}");
                return Results.Ok(r.State());
            }));
        command.MapPut("/runs/{id}/mode", (string id, ModeRequest request, RunRegistry runs, HttpContext context, IAuditLog audit, TimeProvider time) =>
            With(runs, id, r =>
            {
                if (!ApprovalModes.TryParse(request.Mode, out var mode)) return Bad($"mode '{AccountInput.Clip(request.Mode)}' is not one of manual, semi, auto");
                if (request.SemiAutomaticDelay is { } d && !(d >= 0 && d <= MaxSemiAutomaticDelay))
                    return Bad($"semiAutomaticDelay {d} must be between 0 and {MaxSemiAutomaticDelay} s");
                var before = r.State();
                r.SetMode(mode, request.SemiAutomaticDelay, SessionApi.Signed(context).Name);
                var after = r.State();
                Audit(context, audit, time)("mode", r.Id, string.Create(CultureInfo.InvariantCulture,
                    $"{before.Mode} -> {after.Mode} (semi-automatic delay {before.SemiAutomaticDelay} s -> {after.SemiAutomaticDelay} s)"));
                return Results.Ok(after);
            }));
        command.MapPost("/runs/{id}/step", (string id, StepRequest request, RunRegistry runs, HttpContext context, IAuditLog audit, TimeProvider time) =>
            With(runs, id, r =>
            {
                if (request.Seconds is not { } s || !(s > 0 && s <= MaxStepSeconds))
                    return Bad($"seconds must be a number above 0 and at most {MaxStepSeconds} (an hour of simulated time per request)");
                r.Advance(s);
                Audit(context, audit, time)("step", r.Id, string.Create(CultureInfo.InvariantCulture, $"stepped {s} s to {r.State().Time} s"));
                return Results.Ok(r.State());
            }));
    }

    private static IResult Start(StartRunRequest request, RunRegistry runs, ScenarioCatalog catalog, int maxLiveRuns, Action<string, string?, string> audit)
    {
        var mode = ApprovalMode.Manual;
        if (request.Mode is not null && !ApprovalModes.TryParse(request.Mode, out mode)) return Bad($"mode '{AccountInput.Clip(request.Mode)}' is not one of manual, semi, auto");
        var speed = request.Speed ?? 1;
        if (!ValidSpeed(speed)) return Bad($"speed {speed} is out of range: give a number above 0 and at most {MaxSpeed}");
        var delay = request.SemiAutomaticDelay ?? 30;
        if (!(delay >= 0 && delay <= MaxSemiAutomaticDelay)) return Bad($"semiAutomaticDelay {delay} must be between 0 and {MaxSemiAutomaticDelay} s");
        var live = runs.All.Where(r => r.State() is { Stopped: false, Finished: false }).Select(r => r.Id).ToList();
        if (live.Count >= maxLiveRuns)
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many live runs",
                detail: $"{live.Count} runs are live ({string.Join(", ", live)}), the most this server runs at once; stop one first (DELETE /api/runs/{{id}})");
        var name = request.Scenario ?? "quiet-night";
        if (catalog.Load(name, out var error) is not { } scenario) return Bad(error!);
        var run = runs.Start(scenario, request.Seed ?? 7, mode, speed, request.Paused ?? false, delay);
        audit("run-start", run.Id, string.Create(CultureInfo.InvariantCulture,
            $"{scenario.Name}, seed {run.State().Seed}, {ApprovalModes.Name(mode)}, {speed}x{(request.Paused == true ? ", paused" : "")}"));
        return Results.Created($"/api/runs/{run.Id}", run.State());
    }

    private static bool ValidSpeed(double s) => s > 0 && s <= MaxSpeed;

    /// <summary>
    /// Approves or vetoes for the signed-in account, if it decides for the nation of the recommendation's fire unit
    /// (a recommendation id always names the same fire unit and track, so the check cannot go stale).
    /// </summary>
    private static IResult Decide(LiveRun run, int recommendationId, int? version, HttpContext context, bool approve)
    {
        var me = SessionApi.Signed(context);
        if (run.Recommendations().FirstOrDefault(r => r.Id == recommendationId) is { } rec
            && run.Layout.NationOf(rec.Assignment.Effector.Id) is { } nation && !me.DecidesFor(nation))
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"account '{me.Name}' decides for the fire units of {string.Join(", ", me.Nations)} only; " +
                        $"fire unit '{rec.Assignment.Effector.Id}' is {nation}'s");
        return Outcome(approve ? run.Approve(recommendationId, version, me.Name) : run.Veto(recommendationId, version, me.Name));
    }

    /// <summary>The decision recorded (200), or 409 with <c>{"error": reason}</c> when it was refused and nothing changed.</summary>
    private static IResult Outcome(DecisionOutcome outcome) => outcome.Decision is { } decision ? Results.Ok(decision) : Conflict(outcome.Refusal!);

    private static IResult Conflict(string reason) =>
        Results.Json(new { error = reason, title = "Refused", detail = reason, status = StatusCodes.Status409Conflict }, statusCode: StatusCodes.Status409Conflict);

    private static List<EventView> SavedEvents(Store.RunSnapshot snapshot) => RunJson.Deserialize<List<EventView>>(snapshot.EventsJson) ?? [];

    /// <summary>Records one act of the signed-in account: (kind, run id, detail).</summary>
    private static Action<string, string?, string> Audit(HttpContext context, IAuditLog audit, TimeProvider time) =>
        (kind, runId, detail) => audit.Append(new AuditEntry(kind, SessionApi.Signed(context).Name, runId, detail, time.GetUtcNow()));

    private static string Describe(RunClockState clock) =>
        string.Create(CultureInfo.InvariantCulture, $"{(clock.Paused ? "paused" : "running")} at {clock.Speed}x");

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

/// <summary>The after-action review of a run that is over: its state (truth summary) and every event, truth included, with the decisions.</summary>
public sealed record RunReview(RunState State, IReadOnlyList<EventView> Events);
