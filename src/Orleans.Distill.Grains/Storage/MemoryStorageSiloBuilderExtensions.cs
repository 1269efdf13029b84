using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Distill.Storage;

public static class MemoryStorageSiloBuilderExtensions
{
    /// <summary>
    /// Orleans' memory grain storage under <paramref name="name"/>, noting the grains it holds so that retention
    /// sweeps can list them (<see cref="CatalogingGrainStorage"/>). States are kept in Orleans' own binary format,
    /// as SQLite and PostgreSQL keep them: its default JSON cannot read back the read-only lists that records
    /// built from collection expressions hold, so a grain would fail to reactivate.
    /// </summary>
    public static ISiloBuilder AddDistillMemoryStorage(this ISiloBuilder builder, string name)
    {
        builder.AddMemoryGrainStorage(name);
        builder.Services.AddOptions<MemoryGrainStorageOptions>(name)
            .Configure<Serializer>((options, serializer) => options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer));
        builder.Services.RemoveAllKeyed<IGrainStorage>(name);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (services, key) =>
            new CatalogingGrainStorage(MemoryGrainStorageFactory.Create(services, (string)key!)));
        return builder;
    }
}
