using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Canopy.Assignment;
using Canopy.Assignment.Horizon;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Pipeline;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// `canopy bench assign`: wall time of one live-loop re-plan. A seeded synthetic raid: four cities 40 km from the
/// centre, each with its share of the fire units (one in eight long-range, one in five medium-range, the rest guns,
/// mobile fire groups and interceptor drones), and threats 10-80 km out heading for them (85% drones at 50 m/s,
/// 10% cruise missiles at 250 m/s, 5% ballistic missiles 60 s from impact). Every assigner as simulations run it, and the
/// rolling-horizon assigner as a live loop runs it, with a wall-time budget.
/// </summary>
internal static class BenchAssignCommand
{
    private static readonly LocalFrame Frame = new(Geodetic.FromDegrees(49.0, 31.5));

    /// <summary>Wall-time budget of the rolling-horizon assigner's live configuration, within the 50 ms live-loop budget.</summary>
    private const int LiveBudgetMs = 40;

    public static Command Create()
    {
        var threats = new Option<int>("--threats") { DefaultValueFactory = _ => 200 };
        var units = new Option<int>("--units") { Description = "Fire units", DefaultValueFactory = _ => 60 };
        var repeats = new Option<int>("--repeats") { Description = "Timed re-plans (after two warm-up ones)", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        foreach (var o in new[] { threats, units, repeats })
            o.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError($"{r.Option.Name} must be at least 1"); });
        var command = new Command("assign", "Wall time of one weapon-assignment re-plan, per assigner") { threats, units, repeats, seed };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            var random = new Random(parse.GetValue(seed));
            var layout = Layout(parse.GetValue(units), random);
            var assessments = new KinematicThreatEvaluator(layout).Evaluate(0, Tracks(layout, parse.GetValue(threats), random));
            var fireUnits = layout.Effectors.Select(e => new FireUnitState(e, Frame.ToEnu(e.Position), e.Magazine, 0, new HashSet<int>())).ToArray();
            console.WriteLine($"{assessments.Count} threats ({assessments.Count(a => a.ThreatensDefendedArea)} to a defended area), {fireUnits.Length} fire units");
            var assigners = Enum.GetValues<AssignerKind>().Select(kind => (kind.ToString(), DefaultPipeline.CreateAssigner(layout, kind))).ToList();
            // The live configuration: the whole re-plan (windows and solve) bounded by wall time.
            assigners.Add(($"{AssignerKind.RollingHorizon} ({LiveBudgetMs} ms budget)", new RollingHorizonWeaponAssigner(layout,
                RollingHorizonOptions.Default with { TimeBudget = Duration.FromSeconds(LiveBudgetMs / 1000.0) })));
            foreach (var (kind, assigner) in assigners)
            {
                IReadOnlyList<WeaponAssignment> plan = [];
                for (var i = 0; i < 2; i++) plan = assigner.Assign(0, assessments, fireUnits);
                var times = new List<double>();
                for (var i = 0; i < parse.GetValue(repeats); i++)
                {
                    var sw = Stopwatch.StartNew();
                    plan = assigner.Assign(0, assessments, fireUnits);
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }
                times.Sort();
                string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
                console.WriteLine($"{kind}: median {F(times[times.Count / 2])} ms, max {F(times[^1])} ms per re-plan ({times.Count} re-plans); " +
                                  $"{plan.Count} salvos, {Money.FromDollars(plan.Sum(a => a.Cost.Dollars))}");
            }
            return 0;
        });
        return command;
    }

    private static Vec3 City(int k) => new(40_000 * Math.Cos(k * Math.PI / 2), 40_000 * Math.Sin(k * Math.PI / 2), 0);

    private static DefenceLayout Layout(int units, Random random)
    {
        var assets = Enumerable.Range(0, 4).Select(k => new DefendedAsset($"city{k}", AssetKind.City,
            Frame.ToGeodetic(City(k)), Length.FromKilometres(10), 1000)).ToArray();
        var effectors = Enumerable.Range(0, units).Select(i =>
        {
            var at = City(i % 4) + new Vec3(random.NextDouble() * 16_000 - 8000, random.NextDouble() * 16_000 - 8000, 0);
            return (i % 8, i % 5) switch
            {
                (0, _) => Unit($"LR{i}", EffectorClass.LongRangeInterceptor, at, 100_000, 20_000, 1500, 16, 2, 4e6, 0.95, 0.9, 0.8),
                (_, 1) => Unit($"MR{i}", EffectorClass.MediumRangeInterceptor, at, 40_000, 20_000, 1000, 12, 1, 5e5, 0.9, 0.85, 0),
                (_, 2) => Unit($"MFG{i}", EffectorClass.MobileFireGroup, at, 2000, 1500, 850, 100, 1, 1e3, 0.3, 0, 0),
                (_, 3) => Unit($"ID{i}", EffectorClass.InterceptorDrone, at, 10_000, 4000, 83, 6, 1, 5e3, 0.7, 0, 0),
                _ => Unit($"GUN{i}", EffectorClass.Gun, at, 5000, 3000, 1100, 30, 1, 5e3, 0.6, 0.3, 0),
            };
        }).ToArray();
        return new DefenceLayout(Frame, assets, [], effectors, new DefencePolicy());
    }

    private static EffectorSpec Unit(string id, EffectorClass cls, Vec3 at, double range, double ceiling, double speed,
        int magazine, int salvo, double cost, double pkDrone, double pkCruise, double pkBallistic) =>
        new(id, cls, Frame.ToGeodetic(at), Length.FromMetres(100), Length.FromMetres(range), Length.FromMetres(ceiling),
            Speed.FromMetresPerSecond(speed), magazine, Duration.FromSeconds(5), Duration.FromSeconds(5), salvo,
            new Dictionary<ThreatClass, Probability>
            {
                [ThreatClass.Drone] = Probability.Of(pkDrone), [ThreatClass.Decoy] = Probability.Of(pkDrone),
                [ThreatClass.Cruise] = Probability.Of(pkCruise), [ThreatClass.Ballistic] = Probability.Of(pkBallistic),
            },
            Money.FromDollars(cost));

    private static Track[] Tracks(DefenceLayout layout, int count, Random random)
    {
        var covariance = new double[36];
        for (var i = 0; i < 6; i++) covariance[i * 7] = i < 3 ? 100 * 100 : 10 * 10;
        return Enumerable.Range(1, count).Select(id =>
        {
            var target = City(random.Next(4));
            var bearing = random.NextDouble() * 2 * Math.PI;
            var distance = 10_000 + random.NextDouble() * 70_000;
            var offset = new Vec3(Math.Cos(bearing), Math.Sin(bearing), 0);
            var draw = random.NextDouble();
            Vec3 position, velocity;
            if (draw < 0.05)
            {
                const double t = 60, height = 30_000;
                position = target + offset * distance + new Vec3(0, 0, height);
                velocity = -offset * (distance / t) + new Vec3(0, 0, (0.5 * BallisticImpactPredictor.Gravity * t * t - height) / t);
            }
            else
            {
                var speed = draw < 0.15 ? 250 : 50;
                position = target + offset * distance + new Vec3(0, 0, 300 + random.NextDouble() * 1500);
                velocity = -offset * speed;
            }
            return new Track(id, TrackStatus.Confirmed, 0, position, velocity, covariance, -30, 0, 10);
        }).ToArray();
    }
}
