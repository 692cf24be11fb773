using System.Text;

namespace Canopy.Scenarios.Loading;

/// <summary>Spells C# names the way scenario files do: PowerPlant becomes power-plant.</summary>
internal static class KebabCase
{
    public static string Of(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) sb.Append('-');
            sb.Append(char.ToLowerInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
