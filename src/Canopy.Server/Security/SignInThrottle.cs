namespace Canopy.Server.Security;

/// <summary>
/// Limits password guessing: after <see cref="MaxFailuresPerName"/> failed sign-ins for one account name, or
/// <see cref="MaxFailuresPerAddress"/> from one client address, within <see cref="Window"/>, further attempts are refused
/// (429) until the oldest of those failures is older than the window. At most <see cref="MaxConcurrentChecks"/>
/// password checks run at once (each costs a key derivation); others wait for a slot.
/// </summary>
public sealed class SignInThrottle(TimeProvider time)
{
    public const int MaxFailuresPerName = 5;
    public const int MaxFailuresPerAddress = 20;
    public const int MaxConcurrentChecks = 2;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>Most names and addresses followed at once; past it, new names are not followed (addresses still are).</summary>
    private const int MaxKeys = 10_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Password checks in progress; wait on it before checking, release after.</summary>
    public SemaphoreSlim Checks { get; } = new(MaxConcurrentChecks, MaxConcurrentChecks);

    /// <summary>How long the caller must wait before trying <paramref name="name"/> from <paramref name="address"/>; zero when they may.</summary>
    public TimeSpan RetryAfter(string name, string address)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            return Max(Wait(NameKey(name), MaxFailuresPerName, now), Wait(AddressKey(address), MaxFailuresPerAddress, now));
        }
    }

    public void Failed(string name, string address)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            Add(AddressKey(address), now, force: true);
            Add(NameKey(name), now, force: false);
        }
    }

    /// <summary>A successful sign-in clears the name's failures (not the address's).</summary>
    public void Succeeded(string name)
    {
        lock (_lock) _failures.Remove(NameKey(name));
    }

    private TimeSpan Wait(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var list)) return TimeSpan.Zero;
        while (list.Count > 0 && list.Peek() + Window <= now) list.Dequeue();
        return list.Count >= limit ? list.ElementAt(list.Count - limit) + Window - now : TimeSpan.Zero;
    }

    private void Add(string key, DateTimeOffset now, bool force)
    {
        if (!_failures.TryGetValue(key, out var list))
        {
            if (_failures.Count >= MaxKeys) Prune(now);
            if (_failures.Count >= MaxKeys && !force) return;
            _failures[key] = list = new Queue<DateTimeOffset>();
        }
        list.Enqueue(now);
        while (list.Count > MaxFailuresPerAddress) list.Dequeue();
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, list) in _failures.ToList())
            if (list.Count == 0 || list.Last() + Window <= now) _failures.Remove(key);
    }

    private static string NameKey(string name) => "name:" + name;
    private static string AddressKey(string address) => "address:" + address;
    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
