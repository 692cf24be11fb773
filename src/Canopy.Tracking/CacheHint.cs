using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Canopy.Tracking;

/// <summary>
/// Prefetch hints for the passes over thousands of tracks, whose states lie scattered in memory: each pass asks for
/// the state a few tracks ahead while it works on the one in hand. A hint changes no value and cannot fault. The
/// address is taken unpinned; should the collector move the object meanwhile, the hint only fetches the wrong lines.
/// </summary>
internal static class CacheHint
{
    private const int LineSize = 64;

    /// <summary>Asks for the cache lines of the <paramref name="bytes"/> bytes from <paramref name="start"/> (x86; elsewhere nothing).</summary>
    public static unsafe void Prefetch<T>(ref T start, int bytes)
    {
        if (!Sse.IsSupported) return;
        var address = (byte*)Unsafe.AsPointer(ref start);
        for (var offset = 0; offset < bytes; offset += LineSize) Sse.Prefetch0(address + offset);
        Sse.Prefetch0(address + bytes - 1);
    }
}
