using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Orleans.Distill.Tests.Postgres;

/// <summary>
/// A real PostgreSQL server for the tests, started by the project's own <c>scripts/pg.sh</c> (which installs it if
/// missing) in a folder of its own on a free loopback port, and stopped and deleted afterwards.
/// Each test takes a fresh database, so tests sharing the server cannot see each other's rows.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "distill-pg-" + Guid.NewGuid().ToString("N")[..12]);
    private int _databases;

    public int Port { get; private set; }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=distill;Database=distill;Pooling=false";

    public async Task InitializeAsync()
    {
        Port = FreePort();
        await RunScriptAsync("start", _folder, Port.ToString());
    }

    public async Task DisposeAsync()
    {
        await RunScriptAsync("stop", _folder);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The server's last files may still be closing; the temp folder is cleaned up by the system anyway.
        }
    }

    /// <summary>Stops the server (the data stays), as an outage would.</summary>
    public Task StopAsync() => RunScriptAsync("stop", _folder);

    public Task StartAsync() => RunScriptAsync("start", _folder, Port.ToString());

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..8]}";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=distill;Database={name}";
    }

    private static async Task RunScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "pg.sh"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/pg.sh {string.Join(' ', args)} failed with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Distill.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Orleans.Distill.sln not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
