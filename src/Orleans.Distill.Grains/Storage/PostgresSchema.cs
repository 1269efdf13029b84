using Npgsql;

namespace Orleans.Distill.Storage;

/// <summary>
/// The tables and queries Orleans.Distill needs in PostgreSQL: the grain state of <see cref="PostgresGrainStorage"/>,
/// and the membership tables and named queries that Orleans' ADO.NET clustering provider reads at start (its
/// package ships no schema). Applying it is idempotent: tables are created if missing and the queries replaced, in
/// one transaction under an advisory lock, so silos starting together do not race.
/// </summary>
public static class PostgresSchema
{
    /// <summary>Bumped whenever <see cref="Script"/> changes; recorded in <c>distill_schema</c>.</summary>
    public const int Version = 1;

    private const long MigrationLock = 0x44495354494C4C; // "DISTILL"

    /// <summary>The tables every silo needs before it starts.</summary>
    public static readonly string[] Tables = ["distill_grain_state", "orleansquery", "orleansmembershipversiontable", "orleansmembershiptable"];

    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellation = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        await using (var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({MigrationLock})", connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellation);
        }

        await using (var command = new NpgsqlCommand(Script, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellation);
        }

        foreach (var (key, text) in MembershipQueries)
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO orleansquery (querykey, querytext) VALUES ($1, $2) ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext",
                connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = key });
            command.Parameters.Add(new NpgsqlParameter { Value = text });
            await command.ExecuteNonQueryAsync(cancellation);
        }

        await using (var command = new NpgsqlCommand(
            "INSERT INTO distill_schema (id, version, applied_at) VALUES (1, $1, now()) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, applied_at = now()",
            connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = Version });
            await command.ExecuteNonQueryAsync(cancellation);
        }

        await transaction.CommitAsync(cancellation);
    }

    /// <summary>The tables of <see cref="Tables"/> that do not exist (empty when the schema is in place).</summary>
    public static async Task<IReadOnlyList<string>> MissingTablesAsync(NpgsqlDataSource dataSource, CancellationToken cancellation = default)
    {
        await using var command = dataSource.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = Tables });
        var present = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            present.Add(reader.GetString(0));
        }

        return [.. Tables.Where(t => !present.Contains(t))];
    }

    private const string Script = """
        CREATE TABLE IF NOT EXISTS distill_schema (
            id integer PRIMARY KEY,
            version integer NOT NULL,
            applied_at timestamptz NOT NULL
        );

        CREATE TABLE IF NOT EXISTS distill_grain_state (
            state_name text NOT NULL,
            grain_id text NOT NULL,
            version bigint NOT NULL,
            payload bytea NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );

        CREATE TABLE IF NOT EXISTS orleansquery (
            querykey varchar(64) PRIMARY KEY,
            querytext varchar(8000) NOT NULL
        );

        CREATE TABLE IF NOT EXISTS orleansmembershipversiontable (
            deploymentid varchar(150) PRIMARY KEY,
            timestamp timestamptz(3) NOT NULL DEFAULT now(),
            version integer NOT NULL DEFAULT 0
        );

        CREATE TABLE IF NOT EXISTS orleansmembershiptable (
            deploymentid varchar(150) NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
            address varchar(45) NOT NULL,
            port integer NOT NULL,
            generation integer NOT NULL,
            siloname varchar(150) NOT NULL,
            hostname varchar(150) NOT NULL,
            status integer NOT NULL,
            proxyport integer NULL,
            suspecttimes varchar(8000) NULL,
            starttime timestamptz(3) NOT NULL,
            iamalivetime timestamptz(3) NOT NULL,
            PRIMARY KEY (deploymentid, address, port, generation)
        );
        """;

    /// <summary>
    /// The named queries of the ADO.NET clustering provider, with the parameters it binds. A conditional write
    /// answers the number of rows it wrote (0 when the table version moved on), and changes nothing unless it can
    /// do all of it: the version row is bumped in the same statement as the membership row.
    /// </summary>
    private static readonly (string Key, string Text)[] MembershipQueries =
    [
        ("UpdateIAmAlivetimeKey", """
            UPDATE orleansmembershiptable SET iamalivetime = GREATEST(iamalivetime, @IAmAliveTime)
            WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
            """),
        ("InsertMembershipVersionKey", """
            WITH inserted AS (
                INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (@DeploymentId)
                ON CONFLICT (deploymentid) DO NOTHING RETURNING 1)
            SELECT count(*)::integer FROM inserted
            """),
        ("InsertMembershipKey", """
            WITH bumped AS (
                UPDATE orleansmembershipversiontable SET version = version + 1, timestamp = now()
                WHERE deploymentid = @DeploymentId AND version = @Version AND version < 2147483647
                  AND NOT EXISTS (SELECT 1 FROM orleansmembershiptable
                                  WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
                RETURNING 1),
            inserted AS (
                INSERT INTO orleansmembershiptable (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
                SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
                FROM bumped
                RETURNING 1)
            SELECT count(*)::integer FROM inserted
            """),
        ("UpdateMembershipKey", """
            WITH bumped AS (
                UPDATE orleansmembershipversiontable SET version = version + 1, timestamp = now()
                WHERE deploymentid = @DeploymentId AND version = @Version AND version < 2147483647
                  AND EXISTS (SELECT 1 FROM orleansmembershiptable
                              WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
                RETURNING 1),
            updated AS (
                UPDATE orleansmembershiptable
                SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = GREATEST(iamalivetime, @IAmAliveTime)
                WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
                  AND EXISTS (SELECT 1 FROM bumped)
                RETURNING 1)
            SELECT count(*)::integer FROM updated
            """),
        ("MembershipReadRowKey", """
            SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
                   m.suspecttimes, m.starttime, m.iamalivetime, v.version
            FROM orleansmembershipversiontable v
            LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
                 AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
            WHERE v.deploymentid = @DeploymentId
            """),
        ("MembershipReadAllKey", """
            SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
                   m.suspecttimes, m.starttime, m.iamalivetime, v.version
            FROM orleansmembershipversiontable v
            LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
            WHERE v.deploymentid = @DeploymentId
            """),
        ("DeleteMembershipTableEntriesKey", """
            DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
            DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId
            """),
        ("GatewaysQueryKey", """
            SELECT address, proxyport, generation FROM orleansmembershiptable
            WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0
            """),
        ("CleanupDefunctSiloEntriesKey", """
            DELETE FROM orleansmembershiptable
            WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND starttime < @IAmAliveTime
              AND COALESCE(suspecttimes, '') = '' AND status = 6
            """),
        ("CleanupDefunctSiloEntryKey", """
            DELETE FROM orleansmembershiptable
            WHERE deploymentid = @DeploymentId AND status = 6
              AND address = @Address AND port = @Port AND generation = @Generation
              AND iamalivetime = @IAmAliveTime AND starttime = @StartTime
              AND COALESCE(suspecttimes, '') = COALESCE(@SuspectTimes, '')
            """),
    ];
}
