using Canopy.Core.Defence;
using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;

namespace Canopy.Scenarios.Tests.Loading;

public class ScenarioLoaderTests
{
    private static Scenario Valid()
    {
        var result = ScenarioLoader.Parse(ScenarioText.Valid, "test.yaml");
        Assert.Empty(result.Errors);
        return Assert.IsType<Scenario>(result.Scenario);
    }

    [Fact]
    public void Parse_ValidScenario_ReadsHeaderAndRegion()
    {
        var s = Valid();
        Assert.Equal("test", s.Name);
        Assert.Equal("", s.Description);
        Assert.Equal("Kyiv", s.Region.Name);
        Assert.Equal(50.45, s.Region.Centre.LatitudeDeg, 1e-9);
        Assert.Equal(30.52, s.Region.Centre.LongitudeDeg, 1e-9);
        Assert.Equal(100_000, s.Region.Radius.Metres);
        Assert.Equal(new DateTimeOffset(2025, 7, 4, 21, 0, 0, TimeSpan.Zero), s.StartTime);
    }

    [Fact]
    public void Parse_ValidScenario_ConvertsSensorsToSi()
    {
        var s = Valid();
        var radar = Assert.IsType<RadarSpec>(s.Sensors[0]);
        Assert.Equal(1, radar.Id.Value);
        Assert.Equal(150, radar.Position.HeightM);
        Assert.Equal(20, radar.AntennaHeight.Metres);
        Assert.Equal(250_000, radar.MaxRange.Metres);
        Assert.Equal(5, radar.RevisitPeriod.Seconds);
        Assert.Equal(0.2 * Math.PI / 180, radar.AzimuthSigma.Radians, 1e-15);
        Assert.Equal(0.9, radar.DetectionProbability.Value);
        Assert.Equal(2, radar.FalseAlarmsPerScan);
        var acoustic = Assert.IsType<AcousticSpec>(s.Sensors[1]);
        Assert.Equal(5000, acoustic.DetectionRadius.Metres);
        Assert.Equal(0.8, acoustic.DetectionProbability.Value, 1e-12);
        Assert.Equal(2, acoustic.ReportPeriod.Seconds);
    }

    [Fact]
    public void Parse_ValidScenario_ConvertsEffectorToSi()
    {
        var e = Assert.Single(Valid().Effectors);
        Assert.Equal("PATRIOT-1", e.Id);
        Assert.Equal(EffectorClass.LongRangeInterceptor, e.Class);
        Assert.Equal(3000, e.MinRange.Metres);
        Assert.Equal(24_000, e.MaxAltitude.Metres);
        Assert.Equal(1500, e.InterceptorSpeed.MetresPerSecond);
        Assert.Equal(16, e.Magazine);
        Assert.Equal(8, e.ReactionTime.Seconds);
        Assert.Equal(2, e.SalvoSize);
        Assert.Equal(4_000_000, e.CostPerShot.Dollars);
        Assert.Equal(0.8, e.KillProbabilityAgainst(ThreatClass.Ballistic).Value);
        Assert.Equal(0, e.KillProbabilityAgainst(ThreatClass.Decoy).Value);
    }

    [Fact]
    public void Parse_EffectorCotUid_IsKeptAndOptional()
    {
        Assert.Null(Assert.Single(Valid().Effectors).CotUid);
        var result = ScenarioLoader.Parse(ScenarioText.With("salvo-size: 2,", "salvo-size: 2, cot-uid: ANDROID-5f1e0c,"), "test.yaml");

        Assert.Empty(result.Errors);
        Assert.Equal("ANDROID-5f1e0c", Assert.Single(result.Scenario!.Effectors).CotUid);
    }

    [Fact]
    public void Parse_EffectorCotFrom_OneAddressOrAListAndNothingElse()
    {
        var one = ScenarioLoader.Parse(ScenarioText.With("salvo-size: 2,", "salvo-size: 2, cot-uid: T, cot-from: 10.20.0.5,"), "test.yaml");
        Assert.Empty(one.Errors);
        Assert.Equal([System.Net.IPAddress.Parse("10.20.0.5")], Assert.Single(one.Scenario!.Effectors).CotSources!);

        var list = ScenarioLoader.Parse(ScenarioText.With("salvo-size: 2,", "salvo-size: 2, cot-uid: T, cot-from: [10.20.0.5, \"fd00::7\"],"), "test.yaml");
        Assert.Empty(list.Errors);
        Assert.Equal(2, Assert.Single(list.Scenario!.Effectors).CotSources!.Count);

        var bad = ScenarioLoader.Parse(ScenarioText.With("salvo-size: 2,", "salvo-size: 2, cot-uid: T, cot-from: [10.20.0.5, tablet.local, 7],"), "test.yaml");
        Assert.Equal(2, bad.Errors.Count(e => e.Message.StartsWith("cot-from: expected a numeric IP address", StringComparison.Ordinal)));

        var noUid = ScenarioLoader.Parse(ScenarioText.With("salvo-size: 2,", "salvo-size: 2, cot-from: 10.20.0.5,"), "test.yaml");
        Assert.Contains(noUid.Errors, e => e.Message == "cot-from needs cot-uid (only a unit with a cot-uid moves by CoT)");
    }

    [Fact]
    public void Parse_ValidScenario_ResolvesWaveTargets()
    {
        var s = Valid();
        var w = Assert.Single(s.Waves);
        Assert.Equal(ThreatClass.Drone, w.Class);
        Assert.Equal(28, w.Count);
        Assert.Equal(30_000, w.LaunchRadius.Metres);
        Assert.Equal(3600, w.LaunchEnd.Seconds);
        Assert.Equal(50, w.Speed.MetresPerSecond, 1e-12);
        Assert.Equal(35_000, w.UnitCost.Dollars);
        Assert.Equal(2, w.Targets.Count);
        Assert.Equal(new AimPoint("Kyiv", s.Assets[0].Position, 3), w.Targets[0]);
        Assert.Null(w.Targets[1].Asset);
        Assert.Equal(50.3, w.Targets[1].Position.LatitudeDeg, 1e-9);
        Assert.Equal(51.0, Assert.Single(w.Via).LatitudeDeg, 1e-9);
    }

    [Fact]
    public void Parse_OptionalFieldsLeftOut_UsesDocumentedDefaults()
    {
        var s = Valid();
        var w = s.Waves[0];
        Assert.Equal(1, s.Simulation.Tick.Seconds);
        Assert.Equal(12 * 3600, s.Simulation.MaxDuration.Seconds);
        Assert.True(s.Policy.EngageOnlyThreatsToDefendedAreas);
        Assert.Equal(200_000, s.Policy.DollarsPerValueUnit);
        Assert.Equal(1, w.Targets[1].Weight);
        Assert.Equal(0, w.RouteSpread.Metres);
        Assert.Equal(0, w.AltitudeSpread.Metres);
        Assert.Equal(0, w.AimError.Metres);
        Assert.Null(w.FlightTime);
        Assert.Equal(0.02, w.Lethality);
        Assert.Equal(0, s.Assets[0].Position.HeightM);
    }

    [Fact]
    public void Parse_OptionalSectionsGiven_OverrideDefaults()
    {
        var yaml = ScenarioText.With("start: 2025", "simulation: { tick: 500 ms, max-duration: 6 h }\npolicy: { engage-only-threats-to-defended-areas: false, value-unit: 1.5 M$ }\nstart: 2025")
            .Replace("class: drone", "class: ballistic\n    flight-time: 4 min\n    lethality: 30 %", StringComparison.Ordinal);
        var s = Assert.IsType<Scenario>(ScenarioLoader.Parse(yaml, "t.yaml").Scenario);
        Assert.Equal(0.5, s.Simulation.Tick.Seconds);
        Assert.Equal(21_600, s.Simulation.MaxDuration.Seconds);
        Assert.False(s.Policy.EngageOnlyThreatsToDefendedAreas);
        Assert.Equal(1_500_000, s.Policy.DollarsPerValueUnit);
        Assert.Equal(240, s.Waves[0].FlightTime?.Seconds);
        Assert.Equal(0.3, s.Waves[0].Lethality, 1e-12);
    }

    [Fact]
    public void Parse_DecoyWave_DefaultsToZeroLethality()
    {
        var s = ScenarioLoader.Parse(ScenarioText.With("class: drone", "class: decoy"), "t.yaml").Scenario;
        Assert.Equal(0, Assert.IsType<Scenario>(s).Waves[0].Lethality);
    }

    [Fact]
    public void Load_MissingFile_GivesOneErrorWithoutThrowing()
    {
        var path = Path.Combine(Path.GetTempPath(), "canopy-no-such-scenario.yaml");
        var result = ScenarioLoader.Load(path);
        Assert.Null(result.Scenario);
        var e = Assert.Single(result.Errors);
        Assert.Equal(path, e.File);
        Assert.StartsWith("cannot read the file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ExistingFile_ReadsIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"canopy-scenario-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, ScenarioText.Valid);
        try
        {
            Assert.Equal("test", ScenarioLoader.Load(path).Scenario?.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ScenarioError_ToString_IsFileLineColumnMessage()
    {
        Assert.Equal("a.yaml:3:7: oops", new ScenarioError("a.yaml", 3, 7, "oops").ToString());
    }
}
