using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace Orleans.Distill.Storage;

public static class SqliteStorageSiloBuilderExtensions
{
    /// <summary>Adds the SQLite grain storage provider under <paramref name="name"/>.</summary>
    public static ISiloBuilder AddDistillSqliteStorage(this ISiloBuilder builder, string name, Action<SqliteGrainStorageOptions> configure)
    {
        builder.Services.AddOptions<SqliteGrainStorageOptions>(name).Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteGrainStorageOptions>, SqliteGrainStorageOptionsValidator>());
        builder.Services.AddGrainStorage(name, (services, providerName) => new SqliteGrainStorage(
            providerName,
            services.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(providerName),
            services.GetRequiredService<Serializer>(),
            services.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        builder.AddIncomingGrainCallFilter<DropActivationOnFailedWrite>();
        return builder;
    }
}
