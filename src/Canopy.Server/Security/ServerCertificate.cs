using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Canopy.Server.Security;

/// <summary>The server's HTTPS certificate from files: PKCS#12 (.pfx, .p12, optionally with a password file) or PEM with its key file.</summary>
public static class ServerCertificate
{
    /// <summary>The certificate with its private key, or null with <paramref name="problem"/> saying why.</summary>
    public static X509Certificate2? Load(string certificateFile, string? keyFile, string? passwordFile, out string? problem)
    {
        try
        {
            var password = passwordFile is null ? null : File.ReadAllText(passwordFile).TrimEnd('\r', '\n');
            var extension = Path.GetExtension(certificateFile).ToLowerInvariant();
            X509Certificate2 certificate;
            if (extension is ".pfx" or ".p12")
            {
                if (keyFile is not null) throw new ArgumentException("a .pfx file holds its key: give no --cert-key");
                certificate = X509CertificateLoader.LoadPkcs12FromFile(certificateFile, password);
            }
            else if (keyFile is null) throw new ArgumentException("a PEM certificate needs its private key: give --cert-key KEY.pem");
            else certificate = password is null
                ? X509Certificate2.CreateFromPemFile(certificateFile, keyFile)
                : X509Certificate2.CreateFromEncryptedPemFile(certificateFile, password, keyFile);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new ArgumentException("the certificate has no private key");
            }
            problem = null;
            return certificate;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            problem = $"cannot use the certificate {certificateFile}: {e.Message}";
            return null;
        }
    }
}
