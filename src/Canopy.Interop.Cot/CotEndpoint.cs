using System.Globalization;
using System.Net;

namespace Canopy.Interop.Cot;

/// <summary>The transport of a CoT endpoint.</summary>
public enum CotTransport { Udp, Tcp }

/// <summary>
/// Where CoT goes or comes from, written <c>udp://host:port</c> or <c>tcp://host:port</c> with a numeric IP address.
/// Deployments usually send UDP to the TAK multicast group <see cref="TakMulticast"/>; tests and demos use 127.0.0.1.
/// </summary>
public sealed record CotEndpoint(CotTransport Transport, IPEndPoint EndPoint)
{
    /// <summary>The usual TAK deployment setting: SA multicast group 239.2.3.1, port 6969.</summary>
    public const string TakMulticast = "udp://239.2.3.1:6969";

    /// <summary>Parses an endpoint; on failure returns null and a message naming what is wrong.</summary>
    public static CotEndpoint? TryParse(string text, out string? error)
    {
        error = null;
        var sep = text.IndexOf("://", StringComparison.Ordinal);
        if (sep < 0)
        {
            error = $"'{text}' lacks a scheme: write udp://ADDRESS:PORT or tcp://ADDRESS:PORT";
            return null;
        }
        var scheme = text[..sep];
        CotTransport transport;
        if (scheme.Equals("udp", StringComparison.OrdinalIgnoreCase)) transport = CotTransport.Udp;
        else if (scheme.Equals("tcp", StringComparison.OrdinalIgnoreCase)) transport = CotTransport.Tcp;
        else
        {
            error = $"'{text}': scheme '{scheme}' is neither udp nor tcp";
            return null;
        }
        var rest = text[(sep + 3)..];
        var colon = rest.LastIndexOf(':');
        if (colon < 0 || !IPAddress.TryParse(rest[..colon].Trim('[', ']'), out var address))
        {
            error = $"'{text}': expected a numeric IP address and a port after {scheme}://";
            return null;
        }
        if (!int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{text}': port '{rest[(colon + 1)..]}' is not in 1..65535";
            return null;
        }
        return new CotEndpoint(transport, new IPEndPoint(address, port));
    }

    public override string ToString() => $"{Transport.ToString().ToLowerInvariant()}://{EndPoint}";
}
