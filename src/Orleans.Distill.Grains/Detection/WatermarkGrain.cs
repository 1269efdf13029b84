using Orleans.Distill.Grains;

namespace Orleans.Distill.Detection;

public sealed class WatermarkGrain(
    [PersistentState("watermark", StorageNames.Graph)] IPersistentState<WatermarkState> state) : Grain, IWatermarkGrain
{
    public async Task<DateTime> Advance(DateTime at)
    {
        if (at > state.State.Watermark)
        {
            state.State.Watermark = at;
            await state.WriteStateAsync();
        }

        return state.State.Watermark;
    }

    public Task<DateTime> Get() => Task.FromResult(state.State.Watermark);
}
