namespace Orleans.Distill.Graph;

/// <summary>
/// A plain in-memory union-find (union by size, path halving). It is the reference the grain forest is
/// tested against, and the physical limit that component maintenance is benchmarked against.
/// </summary>
public sealed class UnionFind<T> where T : notnull
{
    private readonly Dictionary<T, int> _index = [];
    private readonly List<T> _items = [];
    private readonly List<int> _parent = [];
    private readonly List<int> _size = [];

    public int Count => _items.Count;

    public void Add(T item) => IndexOf(item);

    public void Union(T a, T b)
    {
        var ra = Find(IndexOf(a));
        var rb = Find(IndexOf(b));
        if (ra == rb)
        {
            return;
        }

        if (_size[ra] < _size[rb])
        {
            (ra, rb) = (rb, ra);
        }

        _parent[rb] = ra;
        _size[ra] += _size[rb];
    }

    public bool Connected(T a, T b) => Find(IndexOf(a)) == Find(IndexOf(b));

    /// <summary>Every set, each as the list of its members.</summary>
    public IReadOnlyList<IReadOnlyList<T>> Sets()
    {
        var byRoot = new Dictionary<int, List<T>>();
        for (var i = 0; i < _items.Count; i++)
        {
            var root = Find(i);
            if (!byRoot.TryGetValue(root, out var members))
            {
                byRoot[root] = members = [];
            }

            members.Add(_items[i]);
        }

        return [.. byRoot.Values];
    }

    private int IndexOf(T item)
    {
        if (!_index.TryGetValue(item, out var i))
        {
            i = _items.Count;
            _index[item] = i;
            _items.Add(item);
            _parent.Add(i);
            _size.Add(1);
        }

        return i;
    }

    private int Find(int i)
    {
        while (_parent[i] != i)
        {
            _parent[i] = _parent[_parent[i]];
            i = _parent[i];
        }

        return i;
    }
}
