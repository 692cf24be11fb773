using System.Globalization;
using System.Runtime.InteropServices;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Canopy.Scenarios.Loading;

/// <summary>
/// A YAML event stream that refuses documents whose reading would take unbounded stack, time or memory: nesting deeper
/// than <see cref="ScenarioLimits.MaxNesting"/> (the representation model recurses once per level), more than
/// <see cref="ScenarioLimits.MaxNodes"/> nodes with every alias counted as the whole node it stands for (an alias bomb
/// is a few lines that expand exponentially), and a list or mapping used as a mapping key (the representation model
/// hashes a key node recursively, through its aliases). It throws a <see cref="YamlException"/> at the offending event,
/// so the error carries its line and column like any YAML syntax error.
/// </summary>
/// <remarks>
/// The expanded size of an anchored node is known when the node ends, so counting costs one step per event whatever
/// the aliases: an alias adds the recorded size of its anchor.
/// </remarks>
internal sealed class BoundedParser(IParser inner) : IParser
{
    /// <summary>One open list or mapping: its anchor, the expanded count when it opened, and for a mapping whether a key comes next.</summary>
    private struct Open(AnchorName anchor, long startCount, bool isMapping)
    {
        public readonly AnchorName Anchor = anchor;
        public readonly long StartCount = startCount;
        public readonly bool IsMapping = isMapping;
        public bool KeyNext = isMapping;
    }

    private readonly List<Open> open = [];
    private readonly Dictionary<AnchorName, long> anchorSizes = [];
    private long expanded;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext()) return false;
        switch (inner.Current)
        {
            case SequenceStart s:
                NodeStarts(s, plain: false);
                Push(s, isMapping: false);
                break;
            case MappingStart m:
                NodeStarts(m, plain: false);
                Push(m, isMapping: true);
                break;
            case SequenceEnd or MappingEnd:
                var closed = open[^1];
                open.RemoveAt(open.Count - 1);
                if (!closed.Anchor.IsEmpty) anchorSizes[closed.Anchor] = expanded - closed.StartCount;
                NodeEnded();
                break;
            case Scalar scalar:
                NodeStarts(scalar, plain: true);
                Count(scalar, 1);
                if (!scalar.Anchor.IsEmpty) anchorSizes[scalar.Anchor] = 1;
                NodeEnded();
                break;
            case AnchorAlias alias:
                NodeStarts(alias, plain: false);
                Count(alias, anchorSizes.GetValueOrDefault(alias.Value, 1));
                NodeEnded();
                break;
        }
        return true;
    }

    private void Push(NodeEvent e, bool isMapping)
    {
        if (open.Count >= ScenarioLimits.MaxNesting)
            throw new YamlException(e.Start, e.End, string.Create(CultureInfo.InvariantCulture,
                $"lists and mappings nest deeper than {ScenarioLimits.MaxNesting} levels here; a scenario needs at most a handful"));
        open.Add(new Open(e.Anchor, expanded, isMapping));
        Count(e, 1);
    }

    /// <summary>A node begins; in a mapping's key position only a plain value (a scalar) may stand.</summary>
    private void NodeStarts(ParsingEvent e, bool plain)
    {
        if (!plain && open.Count > 0 && open[^1].KeyNext)
            throw new YamlException(e.Start, e.End, "a mapping key must be a plain name, not a list, a mapping or an alias");
    }

    /// <summary>A whole node was read: in a mapping, a key is followed by its value and a value by the next key.</summary>
    private void NodeEnded()
    {
        if (open.Count == 0) return;
        ref var parent = ref CollectionsMarshal.AsSpan(open)[^1];
        if (parent.IsMapping) parent.KeyNext = !parent.KeyNext;
    }

    private void Count(ParsingEvent e, long nodes)
    {
        expanded += nodes;
        if (expanded > ScenarioLimits.MaxNodes)
            throw new YamlException(e.Start, e.End, string.Create(CultureInfo.InvariantCulture,
                $"the file holds more than {ScenarioLimits.MaxNodes:N0} values once its aliases are expanded (an alias bomb?)"));
    }
}
