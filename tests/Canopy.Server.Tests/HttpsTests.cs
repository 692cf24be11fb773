using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Canopy.Server.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Canopy.Server.Tests;

/// <summary>HTTPS with a given certificate (PKCS#12 or PEM with its key): the session cookie is then marked Secure.</summary>
public class HttpsTests
{
    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    [Fact]
    public void Load_PfxAndPem_GiveTheCertificateWithItsKey_AndAPemWithoutKeyIsRefused()
    {
        using var folder = new TempFolder();
        using var original = SelfSigned();
        File.WriteAllBytes(folder.File("server.pfx"), original.Export(X509ContentType.Pfx));
        File.WriteAllText(folder.File("server.pem"), original.ExportCertificatePem());
        File.WriteAllText(folder.File("server.key"), original.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());

        using var pfx = ServerCertificate.Load(folder.File("server.pfx"), null, null, out var pfxProblem);
        using var pem = ServerCertificate.Load(folder.File("server.pem"), folder.File("server.key"), null, out var pemProblem);
        var none = ServerCertificate.Load(folder.File("server.pem"), null, null, out var noKey);

        Assert.Null(pfxProblem);
        Assert.Null(pemProblem);
        Assert.Equal(original.Thumbprint, pfx!.Thumbprint);
        Assert.Equal(original.Thumbprint, pem!.Thumbprint);
        Assert.True(pem.HasPrivateKey);
        Assert.Null(none);
        Assert.Contains("--cert-key", noKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_SignIn_SetsASecureCookie()
    {
        using var folder = new TempFolder();
        using var certificate = SelfSigned();
        var app = ConsoleServer.Build(new ConsoleServerOptions(RepositoryRoot.Scenarios, null, folder.File("decisions.db"), Port: 0) { Certificate = certificate });
        await app.StartAsync();
        try
        {
            app.Services.GetRequiredService<IAccountStore>().Add(new Account("alice", Role.Observer, []), TestAccounts.PasswordHash);
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Thumbprint == certificate.Thumbprint };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.First()) };
            client.DefaultRequestHeaders.Add(RequestGuard.CsrfHeader, "1");
            Assert.StartsWith("https://127.0.0.1:", app.Urls.First(), StringComparison.Ordinal);

            var response = await client.PostAsJsonAsync("/api/session", new { name = "alice", password = TestAccounts.Password });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("secure", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
