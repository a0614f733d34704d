namespace Musubi.Chars;

/// <summary>A compact character trie: one dictionary of edges keyed by (node, char). Lookups never allocate.</summary>
internal sealed class CharTrie<T> where T : class
{
    private readonly Dictionary<long, int> _edges = [];
    private readonly List<T?> _values = [null];

    public int NodeCount => _values.Count;

    public T? Root => _values[0];

    /// <summary>Returns the value stored at <paramref name="key"/>, creating it with <paramref name="create"/> when absent.</summary>
    public T GetOrAdd(ReadOnlySpan<char> key, Func<T> create)
    {
        var node = 0;
        foreach (var c in key)
        {
            var edge = ((long)node << 16) | c;
            if (!_edges.TryGetValue(edge, out var next))
            {
                next = _values.Count;
                _values.Add(null);
                _edges[edge] = next;
            }
            node = next;
        }
        return _values[node] ??= create();
    }

    public T? Get(ReadOnlySpan<char> key)
    {
        var node = 0;
        foreach (var c in key)
            if (!_edges.TryGetValue(((long)node << 16) | c, out node)) return null;
        return _values[node];
    }

    /// <summary>
    /// Every stored key that is a prefix of <paramref name="text"/>, written as (length, value) pairs, longest first.
    /// Returns the number written (at most the span sizes). The empty key (root) is included when it has a value.
    /// <paramref name="read"/> is how many characters of the text the walk looked at (the normalizer's memo needs it).
    /// </summary>
    public int Prefixes(ReadOnlySpan<char> text, Span<int> lengths, T?[] values, out int read)
    {
        var count = 0;
        var max = Math.Min(lengths.Length, values.Length);
        if (_values[0] is { } r && count < max) { lengths[count] = 0; values[count++] = r; }
        var node = 0;
        read = text.Length;
        for (var i = 0; i < text.Length; i++)
        {
            if (!_edges.TryGetValue(((long)node << 16) | text[i], out node)) { read = i + 1; break; }
            if (_values[node] is { } v)
            {
                if (count < max) { lengths[count] = i + 1; values[count++] = v; }
                else { lengths[max - 1] = i + 1; values[max - 1] = v; }
            }
        }
        // Longest first.
        lengths[..count].Reverse();
        Array.Reverse(values, 0, count);
        return count;
    }
}
