using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Distill.Security;

/// <summary>
/// The keys file: who may call the API, with which role. Written by <c>Orleans.Distill.Cli keys</c>, read by the
/// host (which re-reads it when it changes). Written whole to a temporary file and renamed over the old one, so a
/// reader never sees half a file.
/// </summary>
public sealed class ApiKeyFile
{
    public const string Prefix = "dk_";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly List<ApiKeyRecord> _keys;

    private ApiKeyFile(List<ApiKeyRecord> keys) => _keys = keys;

    public IReadOnlyList<ApiKeyRecord> Keys => _keys;

    public static ApiKeyFile Empty() => new([]);

    /// <summary>The file's keys; an empty set when it does not exist yet.</summary>
    public static ApiKeyFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return new ApiKeyFile([]);
        }

        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path), Json);
            return new ApiKeyFile([.. stored?.Keys ?? []]);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a keys file ({e.Message})", e);
        }
    }

    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Stored(_keys), Json));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>Adds a key; the key itself is returned once and kept nowhere.</summary>
    public (ApiKeyRecord Record, string Key) Add(string name, ApiKeyRole role, DateTime now)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"NAME: '{name}' must be 1-64 characters of [A-Za-z0-9._@-]");
        }

        if (_keys.Any(k => k.Name == name))
        {
            throw new ArgumentException($"NAME: a key named '{name}' exists already; revoke it first, or choose another name (one key per person)");
        }

        var key = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var salt = RandomNumberGenerator.GetBytes(16);
        var record = new ApiKeyRecord(name, role, Convert.ToBase64String(salt), Convert.ToBase64String(HashOf(salt, key)), now);
        _keys.Add(record);
        return (record, key);
    }

    public bool Revoke(string name) => _keys.RemoveAll(k => k.Name == name) > 0;

    /// <summary>The record whose key this is, or null. Every record is compared, in constant time each.</summary>
    public ApiKeyRecord? Find(string key)
    {
        ApiKeyRecord? found = null;
        foreach (var record in _keys)
        {
            var hash = HashOf(Convert.FromBase64String(record.Salt), key);
            if (CryptographicOperations.FixedTimeEquals(hash, Convert.FromBase64String(record.Hash)))
            {
                found = record;
            }
        }

        return found;
    }

    public static bool IsValidName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-');

    private static byte[] HashOf(byte[] salt, string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var salted = new byte[salt.Length + bytes.Length];
        salt.CopyTo(salted, 0);
        bytes.CopyTo(salted, salt.Length);
        return SHA256.HashData(salted);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed record Stored(IReadOnlyList<ApiKeyRecord> Keys);
}
