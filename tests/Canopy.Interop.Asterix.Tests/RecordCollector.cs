using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Tests;

/// <summary>Keeps every decoded record and error, for assertions.</summary>
internal sealed class RecordCollector : IAsterixHandler
{
    public List<Cat048Record> Cat048 { get; } = [];
    public List<Cat034Record> Cat034 { get; } = [];
    public List<Cat062Record> Cat062 { get; } = [];
    public List<Cat021Record> Cat021 { get; } = [];
    public List<Cat021V023Record> Cat021V023 { get; } = [];
    public List<AsterixError> Errors { get; } = [];
    public List<long> Offsets { get; } = [];

    public void OnCat048(in Cat048Record record, long offset) { Cat048.Add(record); Offsets.Add(offset); }
    public void OnCat034(in Cat034Record record, long offset) { Cat034.Add(record); Offsets.Add(offset); }
    public void OnCat062(in Cat062Record record, long offset) { Cat062.Add(record); Offsets.Add(offset); }
    public void OnCat021(in Cat021Record record, long offset) { Cat021.Add(record); Offsets.Add(offset); }
    public void OnCat021V023(in Cat021V023Record record, long offset) { Cat021V023.Add(record); Offsets.Add(offset); }
    public void OnError(AsterixError error) => Errors.Add(error);

    public static RecordCollector Decode(ReadOnlySpan<byte> data, AsterixEditions? editions = null)
    {
        var c = new RecordCollector();
        AsterixDecoder.Decode(data, 0, c, editions);
        return c;
    }
}
