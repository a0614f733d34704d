namespace Musubi.Registry;

/// <summary>Where a registry's data comes from: shown by `musubi registry info`.</summary>
public sealed record RegistrySource(string Name, bool Loaded, int Count, string Source, string Licence, string Date);
