using Canopy.Server.Live;

namespace Canopy.Server.Tests;

/// <summary>
/// The console's scenario list: each file parsed once per version, a file that does not load listed with its errors
/// (a hostile one included), never an exception.
/// </summary>
public sealed class ScenarioCatalogTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly ScenarioCatalog catalog;

    public ScenarioCatalogTests()
    {
        File.Copy(Path.Combine(RepositoryRoot.Scenarios, "quiet-night.yaml"), folder.File("quiet-night.yaml"));
        catalog = new ScenarioCatalog(Path.GetDirectoryName(folder.File("x"))!);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void List_Twice_ReturnsTheCachedEntriesWithoutParsingAgain()
    {
        var first = Assert.Single(catalog.List());
        var second = Assert.Single(catalog.List());
        Assert.Same(first, second);
        Assert.Equal(31, first.Threats);
        Assert.Same(catalog.Load("quiet-night", out _), catalog.Load("quiet-night", out _));
    }

    [Fact]
    public void List_AfterTheFileChanges_ParsesItAgain()
    {
        var before = Assert.Single(catalog.List());
        var path = folder.File("quiet-night.yaml");
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.Replace("count: 16", "count: 17", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(10));
        var after = Assert.Single(catalog.List());
        Assert.NotSame(before, after);
        Assert.Equal(32, after.Threats);
    }

    [Fact]
    public void List_DeletedFile_IsNoLongerListed()
    {
        File.WriteAllText(folder.File("empty.yaml"), "");
        Assert.Equal(2, catalog.List().Count);
        File.Delete(folder.File("empty.yaml"));
        Assert.Equal("quiet-night", Assert.Single(catalog.List()).Name);
    }

    [Fact]
    public void List_HostileFile_IsListedWithItsLocatedErrorBesideTheGoodOne()
    {
        // 100,000 nested brackets overflowed the stack and killed `serve` when the console listed the folder.
        File.WriteAllText(folder.File("brackets.yaml"), "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        var list = catalog.List();
        Assert.Equal(["brackets", "quiet-night"], list.Select(s => s.Name));
        var error = Assert.Single(list[0].Errors);
        Assert.StartsWith("brackets.yaml:1:67: ", error, StringComparison.Ordinal);
        Assert.Empty(list[1].Errors);
        Assert.Null(catalog.Load("brackets", out var message));
        Assert.StartsWith("brackets.yaml:1:67: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownName_ListsTheKnownOnesWithoutTheServerPath()
    {
        Assert.Null(catalog.Load("no-such-night", out var message));
        Assert.Equal("no scenario 'no-such-night'; known: quiet-night", message);
    }
}
