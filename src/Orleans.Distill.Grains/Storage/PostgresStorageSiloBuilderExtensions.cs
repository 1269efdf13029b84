using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace Orleans.Distill.Storage;

public static class PostgresStorageSiloBuilderExtensions
{
    /// <summary>
    /// Adds the PostgreSQL grain storage provider under <paramref name="name"/>, over the silo's one
    /// <see cref="NpgsqlDataSource"/> (a connection pool, also used by the health check).
    /// </summary>
    public static ISiloBuilder AddDistillPostgresStorage(this ISiloBuilder builder, string name, PostgresGrainStorageOptions options)
    {
        new PostgresGrainStorageOptionsValidator().ThrowIfInvalid(options);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(options.PooledConnectionString()));
        builder.Services.AddGrainStorage(name, (services, providerName) => new PostgresGrainStorage(
            providerName,
            options,
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<Serializer>(),
            services.GetRequiredService<ILogger<PostgresGrainStorage>>()));
        builder.AddIncomingGrainCallFilter<DropActivationOnFailedWrite>();
        return builder;
    }
}
