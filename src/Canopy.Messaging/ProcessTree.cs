using System.Globalization;

namespace Canopy.Messaging;

/// <summary>Linux process tree walks through /proc (children lists); empty elsewhere.</summary>
public static class ProcessTree
{
    /// <summary>The first process named <paramref name="command"/> (its /proc comm) in the tree under <paramref name="root"/>, root included.</summary>
    public static int? Find(int root, string command)
    {
        var queue = new Queue<int>([root]);
        var seen = new HashSet<int>();
        while (queue.Count > 0 && seen.Count < 10_000)
        {
            var pid = queue.Dequeue();
            if (!seen.Add(pid)) continue;
            if (Read($"/proc/{pid}/comm")?.Trim() == command) return pid;
            foreach (var task in Tasks(pid))
                foreach (var child in (Read($"/proc/{pid}/task/{task}/children") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    if (int.TryParse(child, NumberStyles.None, CultureInfo.InvariantCulture, out var c)) queue.Enqueue(c);
        }
        return null;
    }

    /// <summary>CPU seconds (user + system) the process has used so far, from /proc/pid/stat; null when unreadable.</summary>
    public static double? CpuSeconds(int pid)
    {
        if (Read($"/proc/{pid}/stat") is not { } stat) return null;
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // after "pid (comm) ": state is field 3, utime 14, stime 15 (1-based) -> indexes 11 and 12 here
        if (fields.Length < 13 || !long.TryParse(fields[11], CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], CultureInfo.InvariantCulture, out var system)) return null;
        return (user + system) / 100.0; // USER_HZ is 100 on Linux
    }

    private static IEnumerable<string> Tasks(int pid)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{pid}/task").Select(Path.GetFileName).OfType<string>().ToList();
        }
        catch (IOException)
        {
            return [];
        }
        catch (UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
