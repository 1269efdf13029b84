using System.Collections.Concurrent;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Orleans.Distill.Security;

namespace Orleans.Distill.Host.Security;

/// <summary>
/// The keys the host accepts, re-read whenever the keys file changes, so that a revocation takes effect without a
/// restart. A file that cannot be read keeps the keys read last: a half-edited file must not lock everyone out.
/// </summary>
public sealed partial class ApiKeyStore : IDisposable
{
    private readonly string? _path;
    private readonly ILogger<ApiKeyStore> _logger;
    private readonly PhysicalFileProvider? _files;
    private readonly IDisposable? _watch;

    // Verified keys by the key itself: hashing every record on every request would cost more than the request.
    private readonly ConcurrentDictionary<string, ApiKeyRecord> _verified = new(StringComparer.Ordinal);
    private volatile ApiKeyFile _keys;

    public ApiKeyStore(IOptions<AuthOptions> options, ILogger<ApiKeyStore> logger)
    {
        _logger = logger;
        _path = options.Value.KeysFile is { } path ? Path.GetFullPath(path) : null;
        _keys = _path is null ? ApiKeyFile.Empty() : ApiKeyFile.Load(_path);
        if (_path is not null)
        {
            _files = new PhysicalFileProvider(Path.GetDirectoryName(_path)!) { UsePollingFileWatcher = true, UseActivePolling = true };
            var name = Path.GetFileName(_path);
            _watch = ChangeToken.OnChange(() => _files.Watch(name), Reload);
        }
    }

    /// <summary>False without a keys file: then every caller is let in (and the host listens on loopback only).</summary>
    public bool Enabled => _path is not null;

    public ApiKeyRecord? Find(string key)
    {
        if (_verified.TryGetValue(key, out var known))
        {
            return known;
        }

        var keys = _keys;
        var found = keys.Find(key);
        // Not cached if the file was re-read meanwhile: a key revoked just now must not be remembered as valid.
        if (found is not null && ReferenceEquals(keys, _keys))
        {
            _verified[key] = found;
        }

        return found;
    }

    public void Dispose()
    {
        _watch?.Dispose();
        _files?.Dispose();
    }

    private void Reload()
    {
        try
        {
            _keys = ApiKeyFile.Load(_path!);
            _verified.Clear();
            LogReloaded(_logger, _path!, _keys.Keys.Count);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            LogReloadFailed(_logger, e, _path!);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Keys file {Path} re-read: {Keys} keys")]
    private static partial void LogReloaded(ILogger logger, string path, int keys);

    [LoggerMessage(Level = LogLevel.Error, Message = "Keys file {Path} could not be re-read; the keys read before stay in force")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception, string path);
}
