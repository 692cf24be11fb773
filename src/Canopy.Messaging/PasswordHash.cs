using System.Security.Cryptography;
using System.Text;

namespace Canopy.Messaging;

/// <summary>
/// RabbitMQ's stored password form for definitions files (rabbit_password_hashing_sha256): base64 of a 4-byte salt followed
/// by SHA-256(salt ‖ UTF-8 password), so no password is written in clear to disk.
/// </summary>
public static class PasswordHash
{
    public static string Sha256(string password, ReadOnlySpan<byte> salt)
    {
        if (salt.Length != 4) throw new ArgumentException("RabbitMQ's salt is 4 bytes", nameof(salt));
        var pw = Encoding.UTF8.GetBytes(password);
        var salted = new byte[4 + pw.Length];
        salt.CopyTo(salted);
        pw.CopyTo(salted, 4);
        var hash = SHA256.HashData(salted);
        return Convert.ToBase64String([.. salt, .. hash]);
    }

    public static string Sha256(string password) => Sha256(password, RandomNumberGenerator.GetBytes(4));
}
