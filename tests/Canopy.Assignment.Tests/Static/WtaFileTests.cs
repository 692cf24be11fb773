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
