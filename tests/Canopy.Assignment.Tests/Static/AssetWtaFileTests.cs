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

    [Theory]
    [InlineData("11 1 1\n1000000 1000000 1000000 1000000 1000000 1000000 1000000 1000000 1000000 1000000 1000000\n", "t.txt:2: the counts sum = 11000000 weapons; at most 10000000 are supported")]
    [InlineData("1 1 2\n1\n1e308\n1e308\n", "t.txt:4: asset value W_1 1e308 makes the sum of the values overflow")]
    [InlineData("1 1 1\n1\n10\n0 1.5\n", "t.txt:4: lethality of threat 0 '1.5' is not a number in [0, 1]")]
    [InlineData("1 1 1\n1\n10\n0 0.5\n0 0 0.5\n0 0 0.7\n", "t.txt:6: p[0,0] is given twice (all 1x1 kill probabilities were already read)")]
    [InlineData("1 1 1\n1\n10\n0 0.5\n0 0 0.5\nx\n", "t.txt:6: unexpected text after the 1x1 kill probabilities: 'x'")]
    public void Read_UnusableInstance_RefusedWithFileAndLine(string text, string message)
    {
        var e = Assert.Throws<WtaFormatException>(() => AssetWtaFile.Read(new StringReader(text), "t.txt"));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
