using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Canopy.Federation.Trust;

/// <summary>
/// Nations' ECDSA P-256 keys in a folder (by default .canopy/keys): <c>NATION.key.pem</c>, the private key (PKCS#8, mode 0600,
/// kept by its nation only), and <c>NATION.pub.pem</c>, the public key (SubjectPublicKeyInfo) given to the partners.
/// </summary>
public sealed partial class NationKeys(string folder)
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public string PrivatePath(string nation) => Path.Combine(Folder, $"{Check(nation)}.key.pem");
    public string PublicPath(string nation) => Path.Combine(Folder, $"{Check(nation)}.pub.pem");

    /// <summary>The nation's private key, created (with its public key file) when missing.</summary>
    public ECDsa LoadOrCreatePrivate(string nation)
    {
        var path = PrivatePath(nation);
        if (File.Exists(path))
        {
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256) throw new CryptographicException($"{path}: not a P-256 key ({key.KeySize} bits)");
            return key;
        }
        Directory.CreateDirectory(Folder);
        var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(path, created.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(PublicPath(nation), created.ExportSubjectPublicKeyInfoPem());
        return created;
    }

    /// <summary>Every public key in the folder, by nation (a partner is trusted when its public key file is there).</summary>
    public IReadOnlyDictionary<string, ECDsa> LoadPublicKeys()
    {
        var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
        if (!Directory.Exists(Folder)) return keys;
        foreach (var file in Directory.GetFiles(Folder, "*.pub.pem").Order(StringComparer.Ordinal))
        {
            var nation = Path.GetFileName(file)[..^".pub.pem".Length];
            if (!NationCode().IsMatch(nation)) continue;
            var key = ECDsa.Create();
            try
            {
                key.ImportFromPem(File.ReadAllText(file));
            }
            catch (ArgumentException e)
            {
                key.Dispose();
                throw new CryptographicException($"{file}: not a PEM public key: {e.Message}", e);
            }
            keys[nation] = key;
        }
        return keys;
    }

    private static string Check(string nation) =>
        NationCode().IsMatch(nation) ? nation : throw new ArgumentException($"'{nation}' is not a nation code (2 or 3 capital letters)", nameof(nation));

    [GeneratedRegex("^[A-Z]{2,3}$")]
    internal static partial Regex NationCode();
}
