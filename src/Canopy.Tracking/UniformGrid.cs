using Canopy.Core.Geometry;

namespace Canopy.Tracking;

/// <summary>
/// A horizontal uniform grid over a set of points, rebuilt for every scan, that lists the points near a query
/// point without looking at all of them. Buffers are kept between builds.
/// </summary>
internal sealed class UniformGrid
{
    private readonly double _cellSize;
    private readonly Dictionary<long, int> _heads = [];
    private int[] _next = new int[64];
    private Vec3[] _points = [];
    private int _count;

    public UniformGrid(double cellSize) => _cellSize = cellSize;

    /// <summary>Indexes the first <paramref name="count"/> points of <paramref name="points"/> (kept by reference).</summary>
    public void Build(Vec3[] points, int count)
    {
        _points = points;
        _count = count;
        _heads.Clear();
        if (_next.Length < count) _next = new int[Math.Max(count, _next.Length * 2)];
        for (var i = 0; i < count; i++)
        {
            var key = Key(Cell(points[i].X), Cell(points[i].Y));
            _next[i] = _heads.TryGetValue(key, out var head) ? head : -1;
            _heads[key] = i;
        }
    }

    /// <summary>Adds to <paramref name="result"/> the index of every point within <paramref name="radius"/> of <paramref name="centre"/>.</summary>
    public void Query(Vec3 centre, double radius, List<int> result)
    {
        if (_count == 0) return;
        var r2 = radius * radius;
        long x0 = Cell(centre.X - radius), x1 = Cell(centre.X + radius);
        long y0 = Cell(centre.Y - radius), y1 = Cell(centre.Y + radius);
        if ((x1 - x0 + 1) * (y1 - y0 + 1) > Math.Max(_heads.Count, 1))
        {
            for (var i = 0; i < _count; i++)
                if ((_points[i] - centre).LengthSquared <= r2) result.Add(i);
            return;
        }
        for (var x = x0; x <= x1; x++)
        {
            for (var y = y0; y <= y1; y++)
            {
                if (!_heads.TryGetValue(Key(x, y), out var i)) continue;
                for (; i >= 0; i = _next[i])
                    if ((_points[i] - centre).LengthSquared <= r2) result.Add(i);
            }
        }
    }

    private long Cell(double v) => (long)Math.Floor(v / _cellSize);

    private static long Key(long x, long y) => (x << 32) ^ (y & 0xFFFFFFFFL);
}
