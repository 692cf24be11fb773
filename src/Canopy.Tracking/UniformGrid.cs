using Canopy.Core.Geometry;

namespace Canopy.Tracking;

/// <summary>
/// A dense horizontal uniform grid over the bounding box of a set of points, rebuilt for every scan, that lists the
/// points near a query point without looking at all of them. The cell size grows when the box would need more
/// cells than a few per point, so building stays linear. Buffers are kept between builds.
/// </summary>
internal sealed class UniformGrid
{
    private const int MinCells = 1024;
    private const int CellsPerPoint = 16;

    private readonly double _minCellSize;
    private int[] _heads = new int[MinCells];
    private int[] _next = new int[64];
    private Vec3[] _points = [];
    private int _count, _nx, _ny;
    private double _cellSize, _minX, _minY;

    public UniformGrid(double cellSize) => _minCellSize = cellSize;

    /// <summary>Indexes the first <paramref name="count"/> points of <paramref name="points"/> (kept by reference).</summary>
    public void Build(Vec3[] points, int count)
    {
        _points = points;
        _count = count;
        if (count == 0) return;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (var i = 0; i < count; i++)
        {
            minX = Math.Min(minX, points[i].X);
            maxX = Math.Max(maxX, points[i].X);
            minY = Math.Min(minY, points[i].Y);
            maxY = Math.Max(maxY, points[i].Y);
        }
        var maxCells = Math.Max(MinCells, CellsPerPoint * count);
        _cellSize = Math.Max(_minCellSize, Math.Sqrt((maxX - minX) * (maxY - minY) / maxCells));
        _nx = (int)((maxX - minX) / _cellSize) + 1;
        _ny = (int)((maxY - minY) / _cellSize) + 1;
        while ((long)_nx * _ny > maxCells)
        {
            _cellSize *= 1.5;
            _nx = (int)((maxX - minX) / _cellSize) + 1;
            _ny = (int)((maxY - minY) / _cellSize) + 1;
        }
        (_minX, _minY) = (minX, minY);
        if (_heads.Length < _nx * _ny) _heads = new int[Math.Max(_nx * _ny, _heads.Length * 2)];
        Array.Fill(_heads, -1, 0, _nx * _ny);
        if (_next.Length < count) _next = new int[Math.Max(count, _next.Length * 2)];
        for (var i = 0; i < count; i++)
        {
            var cell = Column(points[i].X) + _nx * Row(points[i].Y);
            _next[i] = _heads[cell];
            _heads[cell] = i;
        }
    }

    /// <summary>Adds to <paramref name="result"/> the index of every point within <paramref name="radius"/> of <paramref name="centre"/>.</summary>
    public void Query(Vec3 centre, double radius, List<int> result)
    {
        if (_count == 0) return;
        var x0 = Math.Max(0, Column(centre.X - radius));
        var x1 = Math.Min(_nx - 1, Column(centre.X + radius));
        var y0 = Math.Max(0, Row(centre.Y - radius));
        var y1 = Math.Min(_ny - 1, Row(centre.Y + radius));
        var r2 = radius * radius;
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                for (var i = _heads[x + _nx * y]; i >= 0; i = _next[i])
                    if ((_points[i] - centre).LengthSquared <= r2) result.Add(i);
            }
        }
    }

    private int Column(double x) => (int)Math.Clamp(Math.Floor((x - _minX) / _cellSize), -1, _nx);

    private int Row(double y) => (int)Math.Clamp(Math.Floor((y - _minY) / _cellSize), -1, _ny);
}
