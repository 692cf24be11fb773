using System.Text.Json.Serialization;
using Canopy.Server.Api;
using Canopy.Server.Decisions;
using Canopy.Server.Hubs;
using Canopy.Server.Live;
using Canopy.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Canopy.Server.Store;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.FileProviders;

namespace Canopy.Server;

/// <summary>
/// Builds the one-process console server: REST API, SignalR hub, the built web console as static files, the record (decisions, relocations,
/// audit entries, runs) in SQLite or PostgreSQL, and the operators' accounts. Binds 127.0.0.1 unless <see cref="ConsoleServerOptions.Listen"/>
/// says otherwise, HTTPS when given a certificate. Every request passes the <see cref="RequestGuard"/> (host, origin, CSRF header, body size
/// and type); every API call but signing in and every hub connection needs a signed-in account with the endpoint's role.
/// </summary>
public static class ConsoleServer
{
    public static WebApplication Build(ConsoleServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = RequestGuard.MaxBodyBytes;
            k.Listen(options.Listen, options.Port, l =>
            {
                if (options.Certificate is { } certificate) l.UseHttps(certificate);
            });
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails();
        builder.Services.AddSignalR().AddJsonProtocol(o => o.PayloadSerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals);
        builder.Services.AddSingleton(TimeProvider.System);
        // Opened now, not at the first request: a store that cannot be written refuses the start (RecordStoreException).
        var store = RecordStore.Open(options.DatabasePath);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<IDecisionLog>(store);
        builder.Services.AddSingleton<IRelocationLog>(store);
        builder.Services.AddSingleton<IAuditLog>(store);
        builder.Services.AddSingleton<IRunStore>(store);
        builder.Services.AddSingleton<IPicturePublisher, HubPicturePublisher>();
        builder.Services.AddSingleton<IAccountStore>(_ => new SqliteAccountStore(options.AccountsPath));
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddSingleton(options);
        builder.Services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(SessionAuthenticationHandler.AddPolicies);
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        builder.Services.AddSingleton<RunRegistry>();
        builder.Services.AddSingleton<LiveFeeds>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteProblem,
            // A malformed request is the client's mistake, answered with a 400: no stack trace in the server's log.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
        app.UseMiddleware<RequestGuard>(options.AllowedHosts);
        if (options.WebRoot is { } root && Directory.Exists(root))
        {
            var files = new PhysicalFileProvider(Path.GetFullPath(root));
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }
        else
        {
            app.MapGet("/", () => Results.Text("Canopy server: the web console is not built (run: cd web && npm ci && npm run build). API at /api, OpenAPI at /openapi/v1.json.\n"));
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHub<ConsoleHub>(ConsoleHub.Path, o => o.CloseOnAuthenticationExpiration = true).RequireAuthorization(Roles.Observer);
        ConsoleApi.Map(app, new ScenarioCatalog(options.ScenarioDirectory));
        SessionApi.Map(app.MapGroup("/api"));
        return app;
    }

    /// <summary>
    /// Unhandled errors as problem JSON: a malformed request (bad JSON, wrong type) is the client's 4xx, with the reason in
    /// the API's words (the JSON path and position), never the server's type names or paths.
    /// </summary>
    private static async Task WriteProblem(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, title, detail) = error switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", Describe(bad)),
            RecordStoreException record => (StatusCodes.Status503ServiceUnavailable, "Not recorded", record.Message),
            _ => (StatusCodes.Status500InternalServerError, "Internal error", "the server failed on this request; see its log"),
        };
        context.Response.StatusCode = status;
        await Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static string Describe(BadHttpRequestException bad) => bad switch
    {
        { InnerException: System.Text.Json.JsonException json } => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"the body is not the JSON this request takes: at {json.Path ?? "$"} (LineNumber: {json.LineNumber ?? 0}, byte {json.BytePositionInLine ?? 0}) " +
            $"{(json.Path is null ? "the JSON is malformed or cut short" : "the value is missing or of the wrong type")}"),
        { StatusCode: StatusCodes.Status413PayloadTooLarge } => $"a request body is at most {RequestGuard.MaxBodyBytes} bytes",
        { StatusCode: StatusCodes.Status415UnsupportedMediaType } => "send the request body as JSON, with Content-Type: application/json",
        _ when ParameterName(bad.Message) is { } name => $"parameter '{name}' is missing or not of the expected type",
        _ => "the request is malformed: a parameter or the body is missing or not of the expected type",
    };

    /// <summary>The parameter a binding failure names ("... parameter \"double? time\" ..." gives time).</summary>
    private static string? ParameterName(string message) =>
        System.Text.RegularExpressions.Regex.Match(message, "parameter \"(?:[^\" ]+ )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"") is { Success: true } m
            ? m.Groups["name"].Value : null;
}
