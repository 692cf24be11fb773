using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Canopy.Server.Security;

/// <summary>
/// Passwords as PBKDF2 with HMAC-SHA256 (RFC 8018), a random 16-byte salt and a 32-byte key, stored as
/// <c>pbkdf2-sha256$ITERATIONS$SALT$KEY</c> (base64). Each hash keeps its iteration count, so raising
/// <see cref="Iterations"/> later leaves older hashes verifiable. Keys are compared in constant time.
/// </summary>
public static class Pbkdf2PasswordHasher
{
    /// <summary>Iterations for new hashes: OWASP's figure for PBKDF2-HMAC-SHA256 (2023).</summary>
    public const int Iterations = 600_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int KeyBytes = 32;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var key = Derive(password, salt, Iterations);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(key)}");
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="stored"/>; false for a stored value not in this format.</summary>
    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1) return false;
        byte[] salt, key;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            key = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        return key.Length == KeyBytes && CryptographicOperations.FixedTimeEquals(Derive(password, salt, iterations), key);
    }

    /// <summary>Spends the time of one verification, for an unknown account name (so timing does not tell which names exist).</summary>
    public static void VerifyNothing(string password) => Derive(password, new byte[SaltBytes], Iterations);

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, KeyBytes);

    /// <summary>A random password of 20 characters from an alphabet without look-alikes (about 112 bits).</summary>
    public static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
