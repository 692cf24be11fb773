using System.Text.Json;
using System.Text.Json.Serialization;

namespace Canopy.Server.Live;

/// <summary>The JSON of runs as the API writes it (camelCase, enums as names, NaN and infinities as names), for the snapshots the store keeps.</summary>
public static class RunJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
