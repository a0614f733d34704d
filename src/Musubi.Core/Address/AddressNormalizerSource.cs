using Musubi.Registry;

namespace Musubi.Address;

/// <summary>
/// The one address normalizer of a process, shared by every operation (a web node converts many files with one
/// normalizer): built over the embedded registries and the imported towns on first use, and again after the town store
/// changed (<see cref="TownsChanged"/>).
/// </summary>
public sealed class AddressNormalizerSource(LocalGovernmentRegistry governments, ITownStores towns)
{
    private readonly Lock _lock = new();
    private AddressNormalizer? _normalizer;

    public LocalGovernmentRegistry Governments => governments;

    public ITownStores TownStores => towns;

    public AddressNormalizer Normalizer
    {
        get
        {
            lock (_lock) return _normalizer ??= new AddressNormalizer(governments, TownRegistry.Load(towns));
        }
    }

    /// <summary>Called after the town store changed: the next use reads it again.</summary>
    public void TownsChanged()
    {
        lock (_lock) _normalizer = null;
    }
}
