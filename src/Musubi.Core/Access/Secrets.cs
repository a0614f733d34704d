using System.Security.Cryptography;
using System.Text;

namespace Musubi.Access;

/// <summary>
/// API tokens <c>musubi_&lt;key&gt;_&lt;secret&gt;</c> (the key finds the row, only SHA-256 of the secret is stored and
/// compared in constant time) and administrator passwords (PBKDF2-SHA256, 600,000 iterations as OWASP advises, a random
/// salt per password). Both from .NET's own cryptography: nothing here is hand-rolled beyond the encoding.
/// </summary>
public static class Secrets
{
    public const string TokenPrefix = "musubi_";
    public const int PasswordIterations = 600_000;
    public const int MinPasswordLength = 12;
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>A new token: its key (16 characters, shown in lists) and the whole token text (shown once).</summary>
    public static (string Key, string Token, byte[] SecretHash) NewToken()
    {
        var key = Encode(RandomNumberGenerator.GetBytes(10));
        var secret = Encode(RandomNumberGenerator.GetBytes(30));
        return (key, $"{TokenPrefix}{key}_{secret}", Hash(secret));
    }

    /// <summary>Splits a token into key and secret; false for anything that is not shaped like one.</summary>
    public static bool TryParseToken(string? token, out string key, out string secret)
    {
        key = secret = "";
        if (token is null || !token.StartsWith(TokenPrefix, StringComparison.Ordinal) || token.Length > 200) return false;
        var rest = token.AsSpan(TokenPrefix.Length);
        var split = rest.IndexOf('_');
        if (split <= 0 || split == rest.Length - 1) return false;
        key = rest[..split].ToString();
        secret = rest[(split + 1)..].ToString();
        return key.All(IsBase32) && secret.All(IsBase32);
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool SecretMatches(string secret, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(secret), storedHash);

    /// <summary><c>pbkdf2-sha256$600000$&lt;salt&gt;$&lt;hash&gt;</c> (base64).</summary>
    public static string HashPassword(string password, int iterations = PasswordIterations)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2-sha256${iterations}${System.Convert.ToBase64String(salt)}${System.Convert.ToBase64String(hash)}";
    }

    public static bool PasswordMatches(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations) || iterations < 1) return false;
        byte[] salt, expected;
        try
        {
            salt = System.Convert.FromBase64String(parts[2]);
            expected = System.Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A password hash that matches nothing, checked when the name is unknown so both cases take as long.</summary>
    public static string DummyPasswordHash => Dummy.Value;

    private static readonly Lazy<string> Dummy = new(() => HashPassword(System.Convert.ToBase64String(RandomNumberGenerator.GetBytes(18))));

    private static bool IsBase32(char c) => c is >= 'a' and <= 'z' or >= '2' and <= '7';

    private static string Encode(byte[] bytes)
    {
        var sb = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(Base32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) sb.Append(Base32[(buffer << (5 - bits)) & 31]);
        return sb.ToString();
    }
}
