using System.Security.Cryptography;
using Orleans.Distill.Grains;

namespace Orleans.Distill.Privacy;

public sealed class PrivacyKeyGrain(
    [PersistentState("privacy-key", StorageNames.Graph)] IPersistentState<PrivacyKeyState> state) : Grain, IPrivacyKeyGrain
{
    public async Task<byte[]> Get()
    {
        if (state.State.Key is null)
        {
            state.State.Key = RandomNumberGenerator.GetBytes(32);
            await state.WriteStateAsync();
        }

        return state.State.Key;
    }
}
