using System.Text.RegularExpressions;

namespace Canopy.Messaging;

/// <summary>
/// A broker account with its permissions on the default virtual host: RabbitMQ's configure, write and read regular
/// expressions over exchange and queue names (e.g. a nation may write only to its own exchange).
/// </summary>
public sealed partial record BrokerUser(string Name, string Password, string Configure, string Write, string Read, bool Administrator = false)
{
    /// <summary>A user allowed everything (the launcher's own account).</summary>
    public static BrokerUser Admin(string name, string password) => new(name, password, ".*", ".*", ".*", Administrator: true);

    /// <summary>Problems with the user (empty when valid): names are 1 to 64 of [A-Za-z0-9._-], passwords 8 to 128 printable ASCII.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!NamePattern().IsMatch(Name)) problems.Add($"broker user '{Name}': a name is 1 to 64 letters, digits, '.', '_' or '-'");
        if (Password.Length is < 8 or > 128 || Password.Any(c => c is < '!' or > '~'))
            problems.Add($"broker user '{Name}': a password is 8 to 128 printable ASCII characters without spaces");
        foreach (var (what, regex) in new[] { ("configure", Configure), ("write", Write), ("read", Read) })
        {
            try
            {
                _ = new Regex(regex, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                problems.Add($"broker user '{Name}': {what} permission '{regex}' is not a regular expression: {e.Message}");
            }
        }
        return problems;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex NamePattern();
}
