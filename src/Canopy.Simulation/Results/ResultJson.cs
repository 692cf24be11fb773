using System.Text.Json;
using System.Text.Json.Serialization;
using Canopy.Simulation.MonteCarlo;

namespace Canopy.Simulation.Results;

/// <summary>The JSON form of results: camelCase, enums as names, numbers in shortest round-trip form (so byte-identical for identical runs).</summary>
public static class ResultJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public static void Write(RunResult result, Stream stream) => JsonSerializer.Serialize(stream, result, Options);
    public static void Write(MonteCarloResult result, Stream stream) => JsonSerializer.Serialize(stream, result, Options);
    public static string ToJson(RunResult result) => JsonSerializer.Serialize(result, Options);
    public static RunResult? Read(string json) => JsonSerializer.Deserialize<RunResult>(json, Options);
}
