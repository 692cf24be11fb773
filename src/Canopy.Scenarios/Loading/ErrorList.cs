using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>Collects the errors of one file as they are found.</summary>
internal sealed class ErrorList(string file)
{
    private readonly List<ScenarioError> errors = [];

    public int Count => errors.Count;

    public void Add(Mark at, string message) => errors.Add(new ScenarioError(file, (int)at.Line, (int)at.Column, message));

    public void Add(YamlNode node, string message) => Add(node.Start, message);

    /// <summary>The errors in file order (stable for errors at the same place).</summary>
    public IReadOnlyList<ScenarioError> InFileOrder() => [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)];
}
