using System.Text.Json.Serialization;
using Canopy.Server.Api;
using Canopy.Server.Decisions;
using Canopy.Server.Hubs;
using Canopy.Server.Live;
using Canopy.Server.Store;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.FileProviders;

namespace Canopy.Server;

/// <summary>
/// Builds the one-process console server: REST API, SignalR hub, the built web console as static files, the record (decisions, relocations,
/// audit entries, runs) in SQLite or PostgreSQL. Binds 127.0.0.1 only.
/// </summary>
public static class ConsoleServer
{
    public static WebApplication Build(ConsoleServerOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port));
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
        builder.Services.AddSingleton<RunRegistry>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteProblem,
            // A malformed request is the client's mistake, answered with a 400: no stack trace in the server's log.
            SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException,
        });
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
        app.MapHub<ConsoleHub>(ConsoleHub.Path);
        ConsoleApi.Map(app, new ScenarioCatalog(options.ScenarioDirectory));
        return app;
    }

    /// <summary>Unhandled errors as problem JSON: a malformed request (bad JSON, wrong type) is the client's 400, with the reason.</summary>
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

    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
}
