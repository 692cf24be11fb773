using System.Text.Json;
using Canopy.Planning.Nights;

namespace Canopy.Planning.Workers;

/// <summary>
/// The wire format of Monte Carlo nights on the broker: jobs on one durable queue (<see cref="JobQueue"/>), persistent,
/// each with the planner's result queue as reply-to; results as JSON with the job id. Both sides are JSON of the records
/// below, so a worker runs the very <see cref="NightJob"/> the planner built.
/// </summary>
public static class NightQueue
{
    /// <summary>The durable queue every worker consumes from.</summary>
    public const string JobQueue = "canopy.plan.nights";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static byte[] Encode(NightJob job) => JsonSerializer.SerializeToUtf8Bytes(job, Json);

    public static NightJob? DecodeJob(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize<NightJob>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static byte[] Encode(NightOutcome outcome) => JsonSerializer.SerializeToUtf8Bytes(new WireOutcome(outcome.JobId, new Dictionary<string, double>(outcome.Figures), null), Json);

    /// <summary>A failed job: the worker could not run it (the error travels back instead of figures).</summary>
    public static byte[] EncodeFailure(string jobId, string error) => JsonSerializer.SerializeToUtf8Bytes(new WireOutcome(jobId, null, error), Json);

    /// <summary>A result message: the outcome, or the job id with the worker's error; null when unreadable.</summary>
    public static (NightOutcome? Outcome, string? JobId, string? Error)? DecodeResult(ReadOnlySpan<byte> body)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<WireOutcome>(body, Json);
            if (wire?.JobId is null) return null;
            return wire.Figures is null ? (null, wire.JobId, wire.Error ?? "no figures") : (new NightOutcome(wire.JobId, wire.Figures), wire.JobId, null);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record WireOutcome(string JobId, Dictionary<string, double>? Figures, string? Error);
}
