using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Canopy.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Canopy.Server.Tests;

/// <summary>
/// Every endpoint against the OpenAPI document: each mapped endpoint is documented with the role it needs, and each
/// documented operation refuses a request without sign-in (401) and from every lower role (403).
/// </summary>
public class EndpointPermissionTests
{
    private static readonly string[] Methods = ["get", "post", "put", "delete", "patch"];

    /// <summary>(path, method, x-canopy-role) of every operation in the served OpenAPI document.</summary>
    private static async Task<List<(string Path, string Method, string Role, bool HasBody)>> Operations(ApiHost host)
    {
        var doc = await host.GetAsync("/openapi/v1.json");
        return [.. doc.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()
            .Where(o => Methods.Contains(o.Name))
            .Select(o => (p.Name, o.Name, o.Value.GetProperty("x-canopy-role").GetString()!, o.Value.TryGetProperty("requestBody", out _))))];
    }

    [Fact]
    public async Task EveryMappedEndpoint_IsInTheOpenApiDocument_WithTheRoleItRequires()
    {
        await using var host = await ApiHost.StartAsync();
        var documented = (await Operations(host)).ToDictionary(o => (o.Path, o.Method), o => o.Role);
        var mapped = new List<(string Path, string Method, string Role)>();
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p => "{" + p.Name + "}",
                _ => "?",
            }))));
            if (path.StartsWith("/hub", StringComparison.Ordinal) || path is "/" or "/openapi/v1.json") continue; // the hub (tested below), the "not built" page, the document itself
            var role = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null ? "anonymous"
                : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().LastOrDefault()?.Policy ?? "none";
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                mapped.Add((path, method.ToLowerInvariant(), role));
        }
        Assert.True(mapped.Count >= 25, $"{mapped.Count} endpoints found");
        foreach (var (path, method, role) in mapped)
        {
            Assert.True(documented.TryGetValue((path, method), out var documentedRole), $"{method.ToUpperInvariant()} {path} is not in openapi.json");
            Assert.True(documentedRole == role, $"{method.ToUpperInvariant()} {path} requires {role} but openapi.json says {documentedRole}");
        }
        Assert.Equal(documented.Keys.Order(), mapped.Select(m => (m.Path, m.Method)).Order());
    }

    [Fact]
    public async Task EveryOperation_WithoutSignIn_Is401_AndFromEveryLowerRole_Is403()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var anonymous = host.Anonymous();
        var operations = await Operations(host);
        Assert.Contains(operations, o => o.Method != "get" && o.Role == Roles.Commander);
        var checkedCount = 0;
        foreach (var (path, method, roleName, hasBody) in operations.Where(o => o.Role != "anonymous"))
        {
            var url = path.Replace("{id}", run, StringComparison.Ordinal).Replace("{recommendationId}", "1", StringComparison.Ordinal)
                .Replace("{trackId}", "1", StringComparison.Ordinal)
                .Replace("{name}", "someone", StringComparison.Ordinal);
            HttpRequestMessage Request() => new(new HttpMethod(method.ToUpperInvariant()), url)
            {
                Content = hasBody ? new StringContent("{}", Encoding.UTF8, "application/json") : null,
            };
            var response = await anonymous.SendAsync(Request());
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method.ToUpperInvariant()} {path} without sign-in: {response.StatusCode}");
            Assert.True(Roles.TryParse(roleName, out var needed), $"{path}: unknown role {roleName}");
            foreach (var lower in Roles.All.Where(r => r < needed))
            {
                response = await host.ClientAs(lower, "XX").SendAsync(Request());
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method.ToUpperInvariant()} {path} as {Roles.Name(lower)}: {response.StatusCode}");
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Contains($"needs the role {roleName}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
            response = await host.ClientAs(needed, "XX").SendAsync(Request());
            Assert.True(response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden),
                $"{method.ToUpperInvariant()} {path} as {roleName}: {response.StatusCode}");
            checkedCount++;
        }
        Assert.True(checkedCount >= 25, $"{checkedCount} operations checked");
    }

    [Fact]
    public async Task Hub_WithoutSignIn_Is401()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Anonymous().PostAsync("/hub/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var signedIn = await host.ClientAs(Role.Observer).PostAsync("/hub/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }
}
