namespace Canopy.Federation.Transport;

/// <summary>
/// What a fault injector does to received messages, between the broker and the verifier: drop, duplicate, garble (flip one
/// byte) each with its probability, and delay every message by <see cref="Delay"/> plus up to <see cref="Jitter"/> (order kept).
/// <see cref="Partitioned"/> drops everything while set. Draws from a generator seeded with <see cref="Seed"/>.
/// </summary>
public sealed record LinkFaultOptions(
    double Drop = 0, double Duplicate = 0, double Garble = 0, TimeSpan Delay = default, TimeSpan Jitter = default, int Seed = 1)
{
    public static readonly LinkFaultOptions None = new();

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, p) in new[] { ("drop", Drop), ("duplicate", Duplicate), ("garble", Garble) })
            if (p is < 0 or > 1 || double.IsNaN(p)) problems.Add($"fault {name} probability {p} is not between 0 and 1");
        if (Delay < TimeSpan.Zero || Delay > TimeSpan.FromMinutes(1)) problems.Add("fault delay must be between 0 and 60 s");
        if (Jitter < TimeSpan.Zero || Jitter > TimeSpan.FromMinutes(1)) problems.Add("fault jitter must be between 0 and 60 s");
        return problems;
    }
}

/// <summary>Applies <see cref="LinkFaultOptions"/> to each received message (seeded; thread-safe).</summary>
public sealed class LinkFaultInjector
{
    private readonly Random _random;
    private readonly Lock _gate = new();

    public LinkFaultInjector(LinkFaultOptions options)
    {
        var problems = options.Validate();
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        Options = options;
        _random = new Random(options.Seed);
    }

    public LinkFaultOptions Options { get; }

    /// <summary>Drop everything while true (a partition of this node from the federation).</summary>
    public bool Partitioned { get; set; }

    public long Dropped { get; private set; }
    public long Duplicated { get; private set; }
    public long Garbled { get; private set; }

    /// <summary>The copies of <paramref name="body"/> to deliver (none, one, or two) and the delay before each.</summary>
    public IReadOnlyList<(byte[] Body, TimeSpan Delay)> Apply(byte[] body)
    {
        lock (_gate)
        {
            if (Partitioned || _random.NextDouble() < Options.Drop)
            {
                Dropped++;
                return [];
            }
            var copies = _random.NextDouble() < Options.Duplicate ? 2 : 1;
            if (copies == 2) Duplicated++;
            var result = new List<(byte[], TimeSpan)>(copies);
            for (var i = 0; i < copies; i++)
            {
                var b = body;
                if (body.Length > 0 && _random.NextDouble() < Options.Garble)
                {
                    b = (byte[])body.Clone();
                    b[_random.Next(b.Length)] ^= (byte)(1 + _random.Next(255));
                    Garbled++;
                }
                result.Add((b, Options.Delay + Options.Jitter * _random.NextDouble()));
            }
            return result;
        }
    }
}
