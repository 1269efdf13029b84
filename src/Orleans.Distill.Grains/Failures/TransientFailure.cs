using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Distill.Components;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Distill.Failures;

/// <summary>
/// Tells a failure that sending the same request again can cure (the cluster could not apply or read it now)
/// from a bug. Only the first may answer <c>503</c>: a client told to retry a bug retries forever.
/// </summary>
public static class TransientFailure
{
    // Types that crossed a silo boundary without their own codec arrive wrapped, named by string.
    private static readonly string[] TransientTypeNames =
    [
        typeof(TimeoutException).FullName!,
        typeof(SiloUnavailableException).FullName!,
        typeof(OrleansMessageRejectionException).FullName!,
        typeof(ConnectionFailedException).FullName!,
        typeof(GatewayTooBusyException).FullName!,
        typeof(ClientNotAvailableException).FullName!,
        typeof(InconsistentStateException).FullName!,
        typeof(ComponentRetiredException).FullName!,
        typeof(GraphContentionException).FullName!,
        typeof(NpgsqlException).FullName!,
        typeof(PostgresException).FullName!,
        typeof(SocketException).FullName!,
        typeof(SqliteException).FullName!,
    ];

    /// <summary>Why <paramref name="exception"/> is worth a retry, or null when it is not (a bug).</summary>
    public static string? Reason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(Reason).FirstOrDefault(r => r is not null);
            }

            if (ReasonOf(e) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private static string? ReasonOf(Exception e) => e switch
    {
        TimeoutException => "a call timed out",
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or ClientNotAvailableException
            => "a silo went away",
        GatewayTooBusyException => "the cluster is overloaded",
        InconsistentStateException => "a grain moved to another silo while it was written",
        ComponentRetiredException or GraphContentionException => "components were merging or splitting under the request",
        NpgsqlException { IsTransient: true } or SocketException => "the database could not be reached",
        // The embedded silo's own file: busy, locked, full or failing disk. Sent again, it may well succeed.
        SqliteException => "the database could not serve the request",
        PostgresException { SqlState: var state } when IsTransientSqlState(state) => "the database could not serve the request",
        OperationCanceledException => "a call was cancelled",
        WrappedException w when TransientTypeNames.Contains(w.OriginalExceptionType) => "a call failed on another silo",
        UnavailableExceptionFallbackException f when TransientTypeNames.Contains(f.ExceptionType) => "a call failed on another silo",
        _ => null,
    };

    // Class 08 (connection), 53 (insufficient resources), 57P (operator intervention: shutdown), 40001/40P01 (serialisation, deadlock).
    private static bool IsTransientSqlState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal) || state is "40001" or "40P01";
}
