using Canopy.Assignment.Static;

namespace Canopy.Assignment.Tests.Static;

public class AssetWtaFileTests
{
    private const string Example = """
        # two weapon types, three threats, two assets
        2 3 2
        1 2
        100
        40
        0 0.9
        0 0.5
        1 1.0
        0 0 0.7
        0 1 0.2
        0 2 0.6
        1 0 0.4
        1 1 0.8
        1 2 0.5
        """;

    [Fact]
    public void Read_Example_GivesCountsAssetsAndProbabilities()
    {
        var problem = AssetWtaFile.Read(new StringReader(Example), "example.txt");

        Assert.Equal([1, 2], problem.Counts);
        Assert.Equal([100.0, 40.0], problem.AssetValues);
        Assert.Equal(1, problem.AimedAt(2));
        Assert.Equal(0.5, problem.Lethality(1));
        Assert.Equal(0.8, problem.Kill(1, 1));
        Assert.Equal([0, 1], problem.ThreatsOn(0).ToArray());
    }

    [Fact]
    public void Read_Example_NoFireValueMatchesHandComputation()
    {
        // Asset 0: 100 (1 - 0.9)(1 - 0.5) = 5; asset 1: 40 (1 - 1) = 0.
        var problem = AssetWtaFile.Read(new StringReader(Example), "example.txt");

        Assert.Equal(5.0, problem.SurvivingValue(new WtaPlan(2, 3)), 12);
    }

    [Fact]
    public void Read_AssetOutOfRange_NamesFileAndLine()
    {
        var bad = Example.Replace("1 1.0", "2 1.0", StringComparison.Ordinal);

        var error = Assert.Throws<WtaFormatException>(() => AssetWtaFile.Read(new StringReader(bad), "bad.txt"));

        Assert.Contains("bad.txt:8:", error.Message, StringComparison.Ordinal);
        Assert.Contains("asset of threat 2", error.Message, StringComparison.Ordinal);
    }
}
