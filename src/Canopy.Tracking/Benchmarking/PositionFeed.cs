using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.Tracking.Files;
using Canopy.Tracking.Metrics;

namespace Canopy.Tracking.Benchmarking;

/// <summary>
/// Parameters of a generic position feed (<see cref="PositionFeed"/>): one sensor reporting east/north/up positions
/// every <see cref="Period"/> over a box of <see cref="Side"/> x <see cref="Side"/> x <see cref="Height"/>, with
/// detection probability <see cref="DetectionProbability"/>, <see cref="MinFalseAlarms"/> to <see cref="MaxFalseAlarms"/>
/// false plots a scan uniform over the box, and noise <see cref="Sigma"/> (east, north, up). The defaults are the feed
/// of issue 16: 1 s, Pd 0.9, 20 to 50 false plots over 300 x 300 km, σ 50/50/100 m.
/// </summary>
public sealed record PositionFeedOptions
{
    /// <summary>Targets over the run.</summary>
    public int Targets { get; init; } = 100;

    /// <summary>Length of the run.</summary>
    public Duration Length { get; init; } = Duration.FromSeconds(300);

    /// <summary>Time between two scans.</summary>
    public Duration Period { get; init; } = Duration.FromSeconds(1);

    /// <summary>Probability that a target in the box is reported in a scan.</summary>
    public double DetectionProbability { get; init; } = 0.9;

    /// <summary>Fewest false plots a scan (the count is uniform between this and <see cref="MaxFalseAlarms"/>).</summary>
    public int MinFalseAlarms { get; init; } = 20;

    /// <summary>Most false plots a scan.</summary>
    public int MaxFalseAlarms { get; init; } = 50;

    /// <summary>Width of the box east and north, centred on the origin, m.</summary>
    public double Side { get; init; } = 300_000;

    /// <summary>Height of the box above the origin, m.</summary>
    public double Height { get; init; } = 12_000;

    /// <summary>Noise standard deviation of a plot east, north and up, m.</summary>
    public Vec3 Sigma { get; init; } = new(50, 50, 100);

    /// <summary>The slowest target, m/s.</summary>
    public double MinSpeed { get; init; } = 50;

    /// <summary>The fastest target, m/s.</summary>
    public double MaxSpeed { get; init; } = 300;

    /// <summary>Every rule these parameters break, in words (empty when a feed can be generated).</summary>
    public IReadOnlyList<string> Validate()
    {
        var broken = new List<string>();
        if (Targets < 0) broken.Add("targets: must be 0 or more");
        if (!(Length.Seconds > 0)) broken.Add("length: must be positive");
        if (!(Period.Seconds > 0) || Length.Seconds / Period.Seconds > 1e6) broken.Add("period: must be positive, at most a million scans a run");
        if (DetectionProbability is not (>= 0 and <= 1)) broken.Add("detection probability: must be from 0 to 1");
        if (MinFalseAlarms < 0 || MaxFalseAlarms < MinFalseAlarms) broken.Add("false alarms: need 0 <= min <= max");
        if (!(Side > 0) || !(Height > 0) || !double.IsFinite(Side * Height)) broken.Add("box: side and height must be positive");
        if (!(Sigma.X > 0 && Sigma.Y > 0 && Sigma.Z > 0) || !double.IsFinite(Sigma.X + Sigma.Y + Sigma.Z)) broken.Add("sigma: must be positive on every axis");
        if (!(MinSpeed > 0) || !(MaxSpeed >= MinSpeed) || !double.IsFinite(MaxSpeed)) broken.Add("speed: need 0 < min <= max");
        return broken;
    }
}

/// <summary>
/// A generic position feed for testing trackers on data nobody tuned them to, as a partner's system or a test harness
/// gives: <see cref="PositionFeedOptions"/>. Targets appear at random times in the first third of the run, each at a random
/// point of the inner 80 % of the box, 1 to 11 km up, at a steady speed; they fly smooth random paths, legs of 20 to 60 s
/// either straight or turning at 0.5 to 3 °/s, and climbing or descending at up to 10 m/s on a third of the legs, and
/// leave the feed when they leave the box or at their end of life. The plots of a scan are shuffled. All draws come from
/// the seeded <see cref="Random"/> given.
/// </summary>
public sealed class PositionFeed
{
    /// <summary>Sensor id of the feed's one sensor.</summary>
    public const int FeedSensorId = 1;

    /// <summary>Integration steps per scan of the targets' paths.</summary>
    private const int Substeps = 10;

    private PositionFeed(PositionSensorSpec sensor, LocalFrame frame, List<Plot> plots, List<TimedState> truth)
    {
        Sensor = sensor;
        Frame = frame;
        Plots = plots;
        Truth = truth;
    }

    /// <summary>The sensor as sensors.yaml describes it: noise, Pd, mean false alarms, period and coverage.</summary>
    public PositionSensorSpec Sensor { get; }

    public LocalFrame Frame { get; }

    /// <summary>The plots in time order.</summary>
    public IReadOnlyList<Plot> Plots { get; }

    /// <summary>Every target in the box at every scan time.</summary>
    public IReadOnlyList<TimedState> Truth { get; }

    /// <summary>The layout a tracker needs for this feed.</summary>
    public DefenceLayout Layout => new(Frame, [], [Sensor], [], new DefencePolicy());

    public static PositionFeed Generate(PositionFeedOptions options, Random rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rng);
        if (options.Validate() is { Count: > 0 } broken) throw new ArgumentException(string.Join("; ", broken), nameof(options));
        var origin = Geodetic.FromDegrees(50, 30);
        var period = options.Period.Seconds;
        var scans = (int)Math.Floor(options.Length.Seconds / period) + 1;
        var targets = new Target[options.Targets];
        for (var i = 0; i < targets.Length; i++) targets[i] = Target.Draw(i + 1, options, scans, rng);
        var plots = new List<Plot>();
        var truth = new List<TimedState>();
        var scan = new List<Plot>();
        var sensor = new Core.Sensing.SensorId(FeedSensorId);
        var half = options.Side / 2;
        for (var k = 0; k < scans; k++)
        {
            var t = k * period;
            scan.Clear();
            foreach (var target in targets)
            {
                if (k > target.LastScan || !target.Alive) continue;
                if (k > target.FirstScan) target.Fly(period, options, rng);
                if (k < target.FirstScan) continue;
                var p = target.Position;
                if (Math.Abs(p.X) > half || Math.Abs(p.Y) > half || p.Z < 0 || p.Z > options.Height)
                {
                    target.Alive = false;
                    continue;
                }
                truth.Add(new TimedState(t, new TargetState(target.Id, p, target.Velocity)));
                if (rng.NextDouble() < options.DetectionProbability)
                    scan.Add(Plot.Position(sensor, t, p + new Vec3(rng.NextGaussian() * options.Sigma.X, rng.NextGaussian() * options.Sigma.Y,
                        rng.NextGaussian() * options.Sigma.Z)));
            }
            var falseAlarms = rng.Next(options.MinFalseAlarms, options.MaxFalseAlarms + 1);
            for (var f = 0; f < falseAlarms; f++)
                scan.Add(Plot.Position(sensor, t, new Vec3((rng.NextDouble() - 0.5) * options.Side, (rng.NextDouble() - 0.5) * options.Side,
                    rng.NextDouble() * options.Height)));
            for (var i = scan.Count - 1; i > 0; i--)
            {
                var j = rng.Next(i + 1);
                (scan[i], scan[j]) = (scan[j], scan[i]);
            }
            plots.AddRange(scan);
        }
        var spec = new PositionSensorSpec(sensor, "position feed", origin, Length.FromMetres(options.Sigma.X), Length.FromMetres(options.Sigma.Y),
            Length.FromMetres(options.Sigma.Z), Probability.Of(options.DetectionProbability), (options.MinFalseAlarms + options.MaxFalseAlarms) / 2.0,
            options.Period, new PositionCoverage(Length.FromMetres(options.Side), Length.FromMetres(options.Side), Length.FromMetres(options.Height)));
        return new PositionFeed(spec, new LocalFrame(origin), plots, truth);
    }

    /// <summary>Writes detections.csv, sensors.yaml and truth.csv into <paramref name="directory"/> (docs/tracking-files.md).</summary>
    public void Write(string directory)
    {
        Directory.CreateDirectory(directory);
        using (var writer = new StreamWriter(Path.Combine(directory, "detections.csv")))
        {
            DetectionCsv.WriteHeader(writer, MeasurementKind.Position);
            foreach (var plot in Plots) DetectionCsv.WriteRow(writer, plot);
        }
        using (var writer = new StreamWriter(Path.Combine(directory, "sensors.yaml")))
            SensorsFile.Write(writer, Frame.Origin, [], [Sensor]);
        using (var writer = new StreamWriter(Path.Combine(directory, "truth.csv")))
        {
            StateCsv.WriteHeader(writer, StateFileKind.Truth);
            foreach (var row in Truth) StateCsv.WriteRow(writer, row.Time, row.State);
        }
    }

    /// <summary>One target's path: position and velocity now, and the leg it flies (turn rate, climb rate, scans left).</summary>
    private sealed class Target
    {
        public int Id;
        public int FirstScan, LastScan;
        public bool Alive = true;
        public Vec3 Position;
        public Vec3 Velocity;
        private double _speed, _heading, _turnRate, _climbRate, _legLeft;

        public static Target Draw(int id, PositionFeedOptions o, int scans, Random rng)
        {
            var first = rng.Next(0, Math.Max(1, scans / 3));
            var life = (int)Math.Round(scans * (0.5 + 0.5 * rng.NextDouble()));
            var inner = 0.8 * o.Side;
            var target = new Target
            {
                Id = id,
                FirstScan = first,
                LastScan = Math.Min(scans - 1, first + life),
                Position = new Vec3((rng.NextDouble() - 0.5) * inner, (rng.NextDouble() - 0.5) * inner, 1000 + rng.NextDouble() * Math.Min(10_000, o.Height - 1000)),
                _speed = o.MinSpeed + rng.NextDouble() * (o.MaxSpeed - o.MinSpeed),
                _heading = rng.NextDouble() * 2 * Math.PI,
            };
            target.NewLeg(rng);
            target.Velocity = target.CurrentVelocity();
            return target;
        }

        /// <summary>Flies <paramref name="dt"/> seconds in <see cref="Substeps"/> steps, starting new legs as the old ones end.</summary>
        public void Fly(double dt, PositionFeedOptions o, Random rng)
        {
            var h = dt / Substeps;
            for (var i = 0; i < Substeps; i++)
            {
                if (_legLeft <= 0) NewLeg(rng);
                // Midpoint rule on the heading: exact for a constant turn's chord direction to second order.
                var mid = _heading + 0.5 * _turnRate * h;
                Position += new Vec3(_speed * Math.Sin(mid) * h, _speed * Math.Cos(mid) * h, _climbRate * h);
                _heading += _turnRate * h;
                _legLeft -= h;
                if (Position.Z < 500 && _climbRate < 0 || Position.Z > Math.Min(11_000, o.Height - 500) && _climbRate > 0) _climbRate = 0;
            }
            Velocity = CurrentVelocity();
        }

        private Vec3 CurrentVelocity() => new(_speed * Math.Sin(_heading), _speed * Math.Cos(_heading), _climbRate);

        private void NewLeg(Random rng)
        {
            _legLeft = 20 + 40 * rng.NextDouble();
            _turnRate = rng.NextDouble() < 0.5 ? 0 : (rng.NextDouble() < 0.5 ? -1 : 1) * (0.5 + 2.5 * rng.NextDouble()) * Math.PI / 180;
            _climbRate = rng.NextDouble() < 1.0 / 3 ? (rng.NextDouble() * 2 - 1) * 10 : 0;
        }
    }
}
