using System.IO.Compression;
using Canopy.Assignment.Static;

namespace Canopy.Assignment.Tests.Static;

public class WtaFileTests
{
    private const string Valid = "2 2 3\n10\n5\n0 0 0.5\n0 1 0.9\n1 0 0.6\n1 1 0.2\n";

    private static WtaProblem Read(string text) => WtaFile.Read(new StringReader(text), "test.txt");

    [Fact]
    public void Read_ValidText_GivesCountsValuesAndProbabilities()
    {
        var problem = Read(Valid);

        Assert.Equal([3, 3], problem.Counts);
        Assert.Equal([10.0, 5.0], problem.Values);
        Assert.Equal(0.6, problem.Kill(1, 0));
        Assert.Equal(Math.Log(0.8), problem.LogSurvival(1, 1), 15);
    }

    [Fact]
    public void Read_GzippedFile_ReadsTheSameProblem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wta_test_{Environment.ProcessId}.txt.gz");
        try
        {
            using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            using (var writer = new StreamWriter(gz))
                writer.Write(Valid);

            var problem = WtaFile.Read(path);

            Assert.Equal(0.9, problem.Kill(0, 1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("2 2\n", "test.txt:1:")]
    [InlineData("2 2 3\n10\nten\n", "test.txt:3:")]
    [InlineData("2 2 3\n10\n5\n0 0 0.5\n0 1 1.9\n", "test.txt:5:")]
    [InlineData("2 2 3\n10\n5\n0 0 0.5\n0 0 0.9\n", "test.txt:5:")]
    [InlineData("2 2 3\n10\n5\n0 0 0.5\n0 7 0.9\n", "test.txt:5:")]
    [InlineData("2 2 3\n10\n5\n0 0 0.5\n0 1 0.9\n1 0 0.6\n", "test.txt:7:")]
    public void Read_MalformedLine_NamesFileAndLine(string text, string where)
    {
        var e = Assert.Throws<WtaFormatException>(() => Read(text));

        Assert.StartsWith(where, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    // 3000 types x 10^6 copies overflow an int; 10^9 weapons would not fit in memory: refused at the header.
    [InlineData("3000 1 1000000\n", "test.txt:1: m x mu = 3000000000 weapons; at most 10000000 are supported")]
    [InlineData("1000 2 1000000\n", "test.txt:1: m x mu = 1000000000 weapons; at most 10000000 are supported")]
    [InlineData("100000 100000 1\n", "test.txt:1: 100000 x 100000 = 10000000000 kill probabilities; at most 50000000 are supported")]
    // The values sum to infinity, so would the objective.
    [InlineData("2 2 3\n1e308\n1e308\n", "test.txt:3: value V_1 1e308 makes the sum of the values overflow")]
    [InlineData("2 2 3\nNaN\n", "test.txt:2: value V_0 'NaN' is not a number")]
    [InlineData("2 2 3\n10\nInfinity\n", "test.txt:3: value V_1 'Infinity' is not a number")]
    [InlineData("2 2 3\n10\n5\n0 0 -0.1\n", "test.txt:4: p[0,0] '-0.1' is not a number in [0, 1]")]
    // Lines after the m*n probabilities: a pair given again (even with another value), or anything else.
    [InlineData(Valid + "0 1 0.3\n", "test.txt:8: p[0,1] is given twice (all 2x2 kill probabilities were already read)")]
    [InlineData(Valid + "\n# comment\n1 1 0.2\n", "test.txt:10: p[1,1] is given twice")]
    [InlineData(Valid + "end\n", "test.txt:8: unexpected text after the 2x2 kill probabilities: 'end'")]
    public void Read_UnusableInstance_RefusedWithFileAndLine(string text, string message)
    {
        var e = Assert.Throws<WtaFormatException>(() => Read(text));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrailingBlankLinesAndComments_Accepted()
    {
        var problem = Read(Valid + "\n# done\n   \n");

        Assert.Equal(0.2, problem.Kill(1, 1));
    }

    [Fact]
    public void BestKnown_MarkdownTable_ParsesInstanceRows()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wta_readme_{Environment.ProcessId}.md");
        try
        {
            File.WriteAllText(path, "| instance | BKS | proven optimal in |\n|---|---|---|\n| wta_50x100x1 | 1734.302257 | 1.2 s |\n");

            var table = WtaBestKnown.Read(path);

            Assert.Equal(1734.302257, Assert.Single(table).Value);
            Assert.Equal("wta_50x100x1", WtaBestKnown.InstanceName("/x/wta_50x100x1.txt.gz"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
