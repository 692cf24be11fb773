using System.Globalization;
using System.Net.Sockets;

namespace Canopy.Core.Feeds;

/// <summary>
/// Datagrams the kernel dropped for a UDP socket (its receive buffer was full): the <c>drops</c> column of the socket's line in
/// /proc/net/udp (or udp6), found by the socket's inode. Null where that is not readable (not Linux, no /proc).
/// </summary>
public static class UdpKernelDrops
{
    public static long? Read(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        try
        {
            if (!OperatingSystem.IsLinux()) return null;
            var fd = socket.SafeHandle.DangerousGetHandle().ToInt64();
            var link = new FileInfo($"/proc/self/fd/{fd}").LinkTarget; // "socket:[12345]"
            if (link is null || !link.StartsWith("socket:[", StringComparison.Ordinal)) return null;
            var inode = link["socket:[".Length..^1];
            foreach (var table in new[] { "/proc/net/udp", "/proc/net/udp6" })
            {
                if (!File.Exists(table)) continue;
                foreach (var line in File.ReadLines(table).Skip(1))
                {
                    var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    // sl local rem st tx:rx tr:tm retrnsmt uid timeout inode ref pointer drops
                    if (fields.Length >= 13 && fields[9] == inode)
                        return long.TryParse(fields[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var drops) ? drops : null;
                }
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return null;
        }
    }
}
