namespace Canopy.Messaging;

/// <summary>The last lines a child process printed, for error messages.</summary>
internal sealed class BoundedLog(int capacity)
{
    private readonly Queue<string> _lines = new();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line)) return;
        lock (_lines)
        {
            _lines.Enqueue(line.Trim());
            while (_lines.Count > capacity) _lines.Dequeue();
        }
    }

    public override string ToString()
    {
        lock (_lines) return string.Join(" | ", _lines);
    }
}
