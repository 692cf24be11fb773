using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Canopy.Server.Security;

/// <summary>
/// Checks every request before anything else reads it: the Host header names this server (against DNS rebinding); an
/// Origin header, when sent, is this server's own origin (no other web page may call the API or open the hub, not even
/// one on another port of the same machine); a state-changing request (anything but GET and HEAD) carries the
/// <see cref="CsrfHeader"/> header, which a cross-site page cannot send without a CORS preflight this server never
/// grants; and a request body is JSON and at most <see cref="MaxBodyBytes"/>. Refusals are problem JSON with the reason.
/// </summary>
public sealed class RequestGuard(RequestDelegate next, IReadOnlySet<string> allowedHosts)
{
    /// <summary>The header every state-changing request must carry (any non-empty value; the console sends "1").</summary>
    public const string CsrfHeader = "X-Canopy-Request";

    /// <summary>Largest request body accepted, bytes.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>The names a browser on this machine uses for it: 127.0.0.1, localhost and [::1].</summary>
    public static IReadOnlyList<string> LoopbackHosts { get; } = ["127.0.0.1", "localhost", "[::1]"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (Refusal(context) is { } refusal)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        await next(context).ConfigureAwait(false);
    }

    private IResult? Refusal(HttpContext context)
    {
        var request = context.Request;
        var host = request.Host.Host;
        if (!allowedHosts.Contains(host))
            return Problem(StatusCodes.Status400BadRequest, "Unknown host",
                $"this server answers to {string.Join(", ", allowedHosts.Order(StringComparer.Ordinal))} only, not to the host named in the request");
        if (request.Headers.Origin is { Count: > 0 } origin && !SameOrigin(origin.ToString(), request))
            return Problem(StatusCodes.Status403Forbidden, "Foreign origin", "requests from another web page's origin are refused");
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) return null;
        if (request.Path.StartsWithSegments(Hubs.ConsoleHub.Path)) return null; // the hub only reads; its origin is checked above
        if (string.IsNullOrWhiteSpace(request.Headers[CsrfHeader]))
            return Problem(StatusCodes.Status403Forbidden, "Missing request header",
                $"a request that changes something must carry the header {CsrfHeader}: 1 (this stops other web pages from sending it)");
        if (request.ContentLength > MaxBodyBytes)
            return Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"a request body is at most {MaxBodyBytes} bytes");
        var hasBody = request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;
        if (hasBody && !IsJson(request.ContentType))
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Not JSON", "send the request body as JSON, with Content-Type: application/json");
        return null;
    }

    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.MediaType.Value is { } m && m.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && m.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    private static IResult Problem(int status, string title, string detail) => Results.Problem(statusCode: status, title: title, detail: detail);
}
