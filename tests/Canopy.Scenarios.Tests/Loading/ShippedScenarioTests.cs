using Canopy.Core.Defence;
using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;

namespace Canopy.Scenarios.Tests.Loading;

/// <summary>The scenarios shipped in the repository's scenarios/ folder load without a single error.</summary>
public class ShippedScenarioTests
{
    private static Scenario Load(string fileName)
    {
        var result = ScenarioLoader.Load(Path.Combine(ScenarioText.RepositoryRoot, "scenarios", fileName));
        Assert.Empty(result.Errors.Select(e => e.ToString()));
        return Assert.IsType<Scenario>(result.Scenario);
    }

    private static int Count(Scenario s, ThreatClass c) => s.Waves.Where(w => w.Class == c).Sum(w => w.Count);

    [Fact]
    public void QuietNight_Loads_With28DronesAnd3CruiseMissiles()
    {
        var s = Load("quiet-night.yaml");
        Assert.Equal(28, Count(s, ThreatClass.Drone));
        Assert.Equal(3, Count(s, ThreatClass.Cruise));
        Assert.Contains(s.Assets, a => a is { Name: "Kyiv", Kind: AssetKind.City, Value: 1000 });
        Assert.Equal(4_000_000, s.Effectors.Single(e => e.Class == EffectorClass.LongRangeInterceptor).CostPerShot.Dollars);
    }

    [Fact]
    public void RecordNight_Loads_WithAbout730DronesOneInSixDecoys()
    {
        var s = Load("record-night.yaml");
        var drones = Count(s, ThreatClass.Drone);
        var decoys = Count(s, ThreatClass.Decoy);
        Assert.Equal(730, drones + decoys);
        Assert.InRange(decoys / (double)(drones + decoys), 1 / 7.0, 1 / 5.0);
        Assert.Equal(13, Count(s, ThreatClass.Cruise) + Count(s, ThreatClass.Ballistic));
        Assert.All(s.Waves.Where(w => w.Class == ThreatClass.Decoy), w => Assert.Equal(0, w.Lethality));
        Assert.True(s.Simulation.MaxDuration.Seconds <= 6 * 3600);
    }

    [Fact]
    public void DocsAnnotatedExample_Loads()
    {
        var doc = File.ReadAllText(Path.Combine(ScenarioText.RepositoryRoot, "docs", "scenarios.md"));
        var start = doc.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var end = doc.IndexOf("```", start, StringComparison.Ordinal);
        var result = ScenarioLoader.Parse(doc[start..end], "docs/scenarios.md");
        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.Equal(2, result.Scenario?.Waves.Count);
        Assert.Equal(2, result.Scenario?.Aircraft.Count);
    }

    [Fact]
    public void BallisticSalvo_Loads_WithTwoMissilesAtOpenFields()
    {
        var s = Load("ballistic-salvo.yaml");
        Assert.Equal(6, Count(s, ThreatClass.Ballistic));
        var fieldWave = s.Waves.Single(w => w.Targets.All(t => t.Asset is null));
        Assert.Equal(2, fieldWave.Count);
        Assert.InRange(s.Effectors.Count(e => e.Class == EffectorClass.LongRangeInterceptor), 1, 2);
    }
}
