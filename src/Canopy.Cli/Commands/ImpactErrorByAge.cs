namespace Canopy.Cli.Commands;

/// <summary>Predicted impact-point errors (m) collected into bins of track age (s): count, mean and root mean square per bin.</summary>
internal sealed class ImpactErrorByAge(double binWidth)
{
    private readonly SortedDictionary<int, (int Count, double Sum, double SumSquares)> _bins = [];

    public double BinWidth { get; } = binWidth > 0 ? binWidth : throw new ArgumentOutOfRangeException(nameof(binWidth), binWidth, "the bin width must be positive");

    /// <summary>Adds one error of a track <paramref name="age"/> seconds old.</summary>
    public void Add(double age, double error)
    {
        var bin = (int)Math.Floor(Math.Max(0, age) / BinWidth);
        var (count, sum, squares) = _bins.GetValueOrDefault(bin);
        _bins[bin] = (count + 1, sum + error, squares + error * error);
    }

    /// <summary>The bins with at least one error, youngest first: age range start (s), count, mean and RMS error (m).</summary>
    public IEnumerable<(double From, int Count, double Mean, double Rms)> Bins() =>
        _bins.Select(b => (b.Key * BinWidth, b.Value.Count, b.Value.Sum / b.Value.Count, Math.Sqrt(b.Value.SumSquares / b.Value.Count)));
}
