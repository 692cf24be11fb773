
namespace Canopy.Interop.Asterix.Files;

/// <summary>
/// A recording to replay as datagrams: a pcap/pcapng gives its UDP datagrams with their capture times; a raw ASTERIX file gives
/// one unit per data block, without a time (NaN), so a replay paces raw files by the data's own times instead.
/// </summary>
public static class ReplaySource
{
    /// <summary>The file's datagrams in file order; a damaged capture fails with a <see cref="FormatException"/> naming the byte offset, one cut short at the end gives every complete packet.</summary>
    public static IReadOnlyList<UdpDatagram> Datagrams(ReadOnlyMemory<byte> file) => Datagrams(file, out _);

    /// <summary>As <see cref="Datagrams(ReadOnlyMemory{byte})"/>, with the warning naming the byte offset of a capture's cut tail (null when whole).</summary>
    public static IReadOnlyList<UdpDatagram> Datagrams(ReadOnlyMemory<byte> file, out string? warning) => ReadAll(new RecordingReader(file), out warning);

    /// <summary>
    /// Splits raw ASTERIX at its data blocks' LEN; a LEN that is too small or runs past the end leaves the rest as one unit, so
    /// the decoder reports the fault at its offset.
    /// </summary>
    public static List<UdpDatagram> Blocks(ReadOnlyMemory<byte> file) => ReadAll(new RecordingReader(file, RecordingKind.Raw), out _);

    private static List<UdpDatagram> ReadAll(RecordingReader reader, out string? warning)
    {
        var list = new List<UdpDatagram>();
        while (reader.TryRead(out var unit)) list.Add(unit);
        warning = reader.Warning;
        return list;
    }
}

/// <summary>
/// Paces a replay: waits until (recorded time - first recorded time) / speed has passed on the wall clock. A speed of 0 (or
/// less) does not wait: as fast as possible.
/// </summary>
public sealed class ReplayPacer(double speed)
{
    private readonly System.Diagnostics.Stopwatch _wall = new();
    private double _first = double.NaN;

    public void WaitFor(double recordedTime)
    {
        if (!(speed > 0) || double.IsNaN(recordedTime)) return;
        if (double.IsNaN(_first))
        {
            _first = recordedTime;
            _wall.Start();
            return;
        }
        var due = TimeSpan.FromSeconds((recordedTime - _first) / speed) - _wall.Elapsed;
        if (due > TimeSpan.Zero) Thread.Sleep(due);
    }
}
