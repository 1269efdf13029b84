using System.Runtime.CompilerServices;

namespace Orleans.Distill.Grains;

/// <summary>
/// Grain references made as <see cref="IGrainFactory"/> makes them, without its cost per call: for every reference it
/// finds the interface's grain interface type again by reading the interface's attributes, which, at a few
/// references per event and per risk check, is a measurable share of the silo's time and garbage. The types are
/// taken once per factory and interface from a reference the factory made; the grain id is the one it would make
/// from the same key.
/// </summary>
public static class GrainReferences
{
    public static T Reference<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey =>
        Types<T>.Of(grains, static factory => factory.GetGrain<T>("-")).Reference(grains, IdSpan.Create(key));

    public static T Reference<T>(this IGrainFactory grains, long key) where T : IGrainWithIntegerKey =>
        Types<T>.Of(grains, static factory => factory.GetGrain<T>(0)).Reference(grains, GrainIdKeyExtensions.CreateIntegerKey(key));

    private sealed class Types<T>(GrainInterfaceType interfaceType, GrainType grainType)
    {
        private static readonly ConditionalWeakTable<IGrainFactory, Types<T>> Known = [];

        // Looked up before GetValue: its callback captures the sample, a closure that would be made on every call.
        public static Types<T> Of(IGrainFactory grains, Func<IGrainFactory, T> sample) => Known.TryGetValue(grains, out var known)
            ? known
            : Known.GetValue(grains, factory => sample(factory) is GrainReference reference
                ? new Types<T>(reference.InterfaceType, reference.GrainId.Type)
                : throw new InvalidOperationException($"{typeof(T)}: the grain factory made a reference that is not a GrainReference"));

        public T Reference(IGrainFactory grains, IdSpan key) => (T)grains.GetGrain(GrainId.Create(grainType, key), interfaceType);
    }
}
