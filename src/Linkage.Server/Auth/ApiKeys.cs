using System.Security.Cryptography;
using System.Text;

namespace Linkage.Server.Auth;

/// <summary>
/// API keys: 32 random bytes, shown once as <c>lk_</c> and base64url. The store keeps only the SHA-256 of
/// the key: the keys have full entropy, so a plain hash is enough (no salt or slow hash is needed).
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "lk_";

    public static string NewKey() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
