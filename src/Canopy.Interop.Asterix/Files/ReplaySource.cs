using System.Buffers.Binary;

namespace Canopy.Interop.Asterix.Files;

/// <summary>
/// A recording to replay as datagrams: a pcap/pcapng gives its UDP datagrams with their capture times; a raw ASTERIX file gives
/// one unit per data block, without a time (NaN), so a replay paces raw files by the data's own times instead.
/// </summary>
public static class ReplaySource
{
    /// <summary>The file's datagrams in file order; a damaged capture fails with a <see cref="FormatException"/> naming the byte offset.</summary>
    public static IReadOnlyList<UdpDatagram> Datagrams(ReadOnlyMemory<byte> file) =>
        CaptureReader.IsCapture(file.Span) ? CaptureReader.ReadUdp(file) : Blocks(file);

    /// <summary>
    /// Splits raw ASTERIX at its data blocks' LEN; a LEN that is too small or runs past the end leaves the rest as one unit, so
    /// the decoder reports the fault at its offset.
    /// </summary>
    public static List<UdpDatagram> Blocks(ReadOnlyMemory<byte> file)
    {
        var list = new List<UdpDatagram>();
        var s = file.Span;
        var pos = 0;
        while (pos < s.Length)
        {
            var length = s.Length - pos >= 3 ? BinaryPrimitives.ReadUInt16BigEndian(s[(pos + 1)..]) : 0;
            if (length < 3 || length > s.Length - pos) length = s.Length - pos;
            list.Add(new UdpDatagram(pos, double.NaN, 0, 0, file.Slice(pos, length)));
            pos += length;
        }
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
