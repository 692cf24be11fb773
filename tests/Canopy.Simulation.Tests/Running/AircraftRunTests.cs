using Canopy.Simulation.Results;
using Canopy.Simulation.Running;

namespace Canopy.Simulation.Tests.Running;

public class AircraftRunTests
{
    /// <summary>
    /// A fighter flying from 50 km east straight over a town at 5 km and 250 m/s, inside the reach of a long-range battery
    /// that can kill aircraft and cruise missiles; the radar interrogates IFF. One drone flies to open ground far away.
    /// </summary>
    private static Scenarios.Model.Scenario FighterOverTown(string transponder) => TestScenarios.Parse($$"""
        name: fighter-over-town
        region: { name: Town, centre: { lat: 50.0, lon: 30.0 }, radius: 80 km }
        start: 2025-07-04T21:00:00Z
        simulation: { tick: 1 s, max-duration: 20 min }
        assets:
          - { name: Town, kind: city, position: { lat: 50.0, lon: 30.0 }, radius: 3 km, value: 1000 }
        sensors:
          - { kind: radar, id: 1, name: R1, position: { lat: 50.0, lon: 30.0 }, antenna-height: 30 m, max-range: 150 km, revisit: 5 s,
              range-noise: 30 m, azimuth-noise: 0.1 deg, elevation-noise: 0.1 deg, detection-probability: 1, false-alarms-per-scan: 0,
              iff: true, iff-reply-probability: 0.9 }
        effectors:
          - { id: SAM-1, class: long-range-interceptor, position: { lat: 50.0, lon: 29.95 }, min-range: 2 km, max-range: 80 km,
              max-altitude: 20 km, interceptor-speed: 1200 m/s, magazine: 8, reload-time: 10 s, reaction-time: 5 s, cost-per-shot: 2 M$,
              kill-probability: { cruise: 0.9, aircraft: 0.9 } }
        waves:
          - { name: far, class: drone, count: 1, launch: { centre: { lat: 50.5, lon: 30.9 }, radius: 0 km, start: 0 s, end: 1 s },
              targets: [ { position: { lat: 50.6, lon: 30.9 } } ], speed: 170 km/h, altitude: 1000 m, unit-cost: 35 k$ }
        aircraft:
          - { name: fighter, route: [ { lat: 50.0, lon: 30.7 }, { lat: 50.0, lon: 29.3 } ], speed: 250 m/s, altitude: 5 km, {{transponder}} }
        """);

    [Fact]
    public void Run_FriendlyFighterStraightAtTheTown_IsNeverAssessedOrEngaged()
    {
        var result = SimulationRunner.CreateDefault().Run(FighterOverTown("identity: friendly, mode5: true"), 3);

        var fighter = Assert.Single(result.Aircraft);
        Assert.Equal(new AircraftOutcome("friendly", 1, 1, 0, 0, 0), fighter);
        Assert.DoesNotContain(result.Events, e => e.Kind == TimelineEventKind.Engagement);
    }

    [Fact]
    public void Run_FriendlyCodeWithoutMode5_IsIdentifiedByThePolicysCodeList()
    {
        var scenario = FighterOverTown("identity: friendly, mode5: false, squawk: 4501");
        scenario = scenario with { Policy = scenario.Policy with { FriendlySquawks = [0x941] } };
        var result = SimulationRunner.CreateDefault().Run(scenario, 3);

        Assert.Equal(0, Assert.Single(result.Aircraft).Engaged);
    }

    [Fact]
    public void Run_SameFighterSilent_IsAssessedAndEngagedAsAHostile()
    {
        var result = SimulationRunner.CreateDefault().Run(FighterOverTown("identity: hostile"), 3);

        var fighter = Assert.Single(result.Aircraft);
        Assert.Equal("hostile", fighter.Identity);
        Assert.Equal(1, fighter.AssessedAsThreat);
        Assert.Equal(1, fighter.Engaged);
        Assert.Contains(result.Events, e => e.Kind == TimelineEventKind.Engagement && e.ThreatClass == "Aircraft");
        Assert.Contains(new ClassificationCount("Aircraft", "Aircraft", 1), result.Classification);
        Assert.Contains(new ClassificationCount("Drone", "Drone", 1), result.Classification);
        Assert.DoesNotContain(result.Threats, t => t.Class == "Aircraft");
    }

    [Fact]
    public void Run_Observer_HearsTheAirlinersAdsbEverySecondAndItsIffRepliesBeforeEachTick()
    {
        var observer = new IdentityListener();
        SimulationRunner.CreateDefault().Run(FighterOverTown("identity: civil, adsb: true, squawk: 2341"), 3, observer: observer);

        // ADS-B is heard once a second (the tick), one report of the one aircraft each time, before that tick is observed.
        Assert.NotEmpty(observer.Adsb);
        Assert.All(observer.Adsb, a => Assert.Equal(1, a.Count));
        Assert.Equal(observer.Adsb.Count, observer.Adsb.Select(a => a.Time).Distinct().Count());
        // IFF: R1 interrogates every 5 s and the transponder answers with its code, 2341 octal.
        Assert.NotEmpty(observer.Iff);
        Assert.All(observer.Iff, r => Assert.Equal((1, 0x4E1), (r.Sensor, r.Code)));
        Assert.All(observer.Iff.Zip(observer.Iff.Skip(1)), p => Assert.True(p.Second.Time - p.First.Time >= 5 - 1e-9));
        Assert.Empty(observer.Late);
    }

    private sealed class IdentityListener : IRunObserver
    {
        private double _lastTick = -1;

        public List<(double Time, int Count)> Adsb { get; } = [];
        public List<(double Time, int Sensor, int Code)> Iff { get; } = [];
        public List<double> Late { get; } = [];

        public void OnTick(double time, World.SimulatedWorld world, ReadOnlySpan<Core.Sensing.Plot> plots, Pipeline.PipelineStep step) => _lastTick = time;

        public void OnIffReplies(double time, Core.Sensing.SensorId interrogator, ReadOnlySpan<ThreatEvaluation.IffReply> replies)
        {
            if (time <= _lastTick) Late.Add(time);
            foreach (var r in replies) Iff.Add((time, interrogator.Value, r.Mode3A));
        }

        public void OnAdsbReports(double time, ReadOnlySpan<ThreatEvaluation.AdsbReport> reports)
        {
            if (time <= _lastTick) Late.Add(time);
            Adsb.Add((time, reports.Length));
        }
    }
}
