using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Storage;

namespace Orleans.Distill.Storage;

public static class MemoryStorageSiloBuilderExtensions
{
    /// <summary>
    /// Orleans' memory grain storage under <paramref name="name"/>, noting the grains it holds so that retention
    /// sweeps can list them (<see cref="CatalogingGrainStorage"/>).
    /// </summary>
    public static ISiloBuilder AddDistillMemoryStorage(this ISiloBuilder builder, string name)
    {
        builder.AddMemoryGrainStorage(name);
        builder.Services.RemoveAllKeyed<IGrainStorage>(name);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (services, key) =>
            new CatalogingGrainStorage(MemoryGrainStorageFactory.Create(services, (string)key!)));
        return builder;
    }
}
