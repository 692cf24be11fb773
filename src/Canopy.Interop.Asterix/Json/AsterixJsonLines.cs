using System.Text.Json;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Json;

/// <summary>
/// ASTERIX to JSON lines and back: one object per record with "offset" (of its FSPEC), "cat" and one member per item; items
/// Canopy does not type appear as {"octets": hex} and are written back as they were; I048/120 is converted whole, raw Doppler
/// speeds included (<see cref="Cat048Doppler"/>).
/// </summary>
public static class AsterixJsonLines
{
    /// <summary>Short item name as used in the JSON: "I048/250" is "I250"; SP and RE stay.</summary>
    public static string ShortName(string uapName) => uapName.Length == 8 && uapName[4] == '/' ? "I" + uapName[5..] : uapName;

    /// <summary>
    /// Writes each decoded record of the current datagram as one JSON line; errors go to <paramref name="onError"/> as they come
    /// (default: the <see cref="Errors"/> list). A record's items are located before anything of it is written, so a fault
    /// ends its block (reported by the decoder) and never leaves a half-written line.
    /// </summary>
    /// <param name="output">Where the lines go.</param>
    /// <param name="editions">The editions decoded (default the newest), whose UAPs name the untyped items.</param>
    /// <param name="onError">Receives each malformed part; when null they are kept in <see cref="Errors"/>.</param>
    public sealed class Writer(Stream output, AsterixEditions? editions = null, Action<AsterixError>? onError = null) : IAsterixHandler
    {
        private readonly AsterixEditions _editions = editions ?? AsterixEditions.Newest;
        private readonly Utf8JsonWriter _json = new(output, new JsonWriterOptions { SkipValidation = true });
        private readonly List<ItemSpan> _items = [];
        private ReadOnlyMemory<byte> _data;
        private long _origin;
        private ReadOnlyMemory<byte> _record;

        /// <summary>The errors, when no error callback was given.</summary>
        public List<AsterixError> Errors { get; } = [];

        /// <summary>Errors reported so far.</summary>
        public long ErrorCount { get; private set; }

        /// <summary>JSON lines (records) written so far.</summary>
        public long Lines { get; private set; }

        /// <summary>Sets the bytes being decoded, so untyped items can be printed.</summary>
        public void Begin(ReadOnlyMemory<byte> data, long origin)
        {
            _data = data;
            _origin = origin;
        }

        public void OnCat048(in Cat048Record record, long offset)
        {
            var uap = _editions.Cat048.Uap;
            Start(48, offset, uap);
            var typed = record;
            typed.Items &= ~Cat048Items.I120; // written whole from the wire bytes below, raw Doppler speeds included
            AsterixJson.Write(_json, typed);
            End(uap, (ulong)(Cat048Codec.All & ~Cat048Items.I120));
        }

        public void OnCat034(in Cat034Record record, long offset)
        {
            Start(34, offset, _editions.Cat034.Uap);
            AsterixJson.Write(_json, record);
            End(_editions.Cat034.Uap, (ulong)Cat034Codec.All);
        }

        public void OnCat062(in Cat062Record record, long offset)
        {
            Start(62, offset, _editions.Cat062.Uap);
            AsterixJson.Write(_json, record);
            End(_editions.Cat062.Uap, (ulong)Cat062Codec.All);
        }

        public void OnCat021(in Cat021Record record, long offset)
        {
            Start(21, offset, _editions.Cat021.Uap);
            AsterixJson.Write(_json, record);
            End(_editions.Cat021.Uap, (ulong)Cat021Codec.All);
        }

        public void OnCat021V023(in Cat021V023Record record, long offset)
        {
            Start(21, offset, Cat021V023Codec.Uap);
            AsterixJson.Write(_json, record);
            End(Cat021V023Codec.Uap, (ulong)Cat021V023Codec.All);
        }

        public void OnError(AsterixError error)
        {
            ErrorCount++;
            if (onError is null) Errors.Add(error);
            else onError(error);
        }

        /// <summary>Locates the record's items (throwing <see cref="AsterixFormatException"/> before writing anything), then opens its object.</summary>
        private void Start(int category, long offset, Uap uap)
        {
            _items.Clear();
            _record = _data[(int)(offset - _origin)..];
            _record = _record[..RecordLayout.Split(_record.Span, offset, uap, _items)];
            _json.WriteStartObject();
            _json.WriteNumber("offset", offset);
            _json.WriteNumber("cat", category);
        }

        private void End(Uap uap, ulong typed)
        {
            var record = _record.Span;
            foreach (var item in _items)
            {
                if (((typed >> (item.Frn - 1)) & 1) != 0) continue;
                var format = uap.Items[item.Frn - 1]!;
                var bytes = record.Slice(item.Start, item.Length);
                if (IsWholeItemConverted(format))
                {
                    Cat048Doppler.WriteJson(_json, bytes);
                    continue;
                }
                _json.WriteStartObject(ShortName(format.Name));
                _json.WriteString("octets", Convert.ToHexStringLower(bytes));
                _json.WriteEndObject();
            }
            _json.WriteEndObject();
            _json.Flush();
            output.WriteByte((byte)'\n');
            _json.Reset();
            Lines++;
        }
    }

    /// <summary>
    /// Encodes JSON lines (blank lines skipped) into data blocks, consecutive records of one category sharing a block of at most
    /// <paramref name="maxBlock"/> bytes, each category in its edition of <paramref name="editions"/> (default the newest). A bad line
    /// fails with a <see cref="FormatException"/> naming file:line and the field.
    /// </summary>
    public static byte[] Encode(IEnumerable<string> lines, string file, int maxBlock = 1400, AsterixEditions? editions = null)
    {
        var output = new MemoryStream();
        Encode(lines, file, output, maxBlock, editions);
        return output.ToArray();
    }

    /// <summary>
    /// As <see cref="Encode(IEnumerable{string}, string, int, AsterixEditions?)"/>, streaming: each data block goes to
    /// <paramref name="output"/> as soon as it is complete, so memory stays bounded whatever the number of lines. Returns the
    /// bytes written.
    /// </summary>
    public static long Encode(IEnumerable<string> lines, string file, Stream output, int maxBlock = 1400, AsterixEditions? editions = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(output);
        editions ??= AsterixEditions.Newest;
        var block = new byte[70_000];
        var record = new byte[4096];
        var blockCategory = -1;
        var blockLength = 0;
        var lineNumber = 0;
        long written = 0;
        foreach (var line in lines)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            int category, length;
            try
            {
                using var doc = JsonDocument.Parse(line);
                (category, length) = EncodeRecord(doc.RootElement, record, editions);
            }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
            {
                throw new FormatException($"{file}:{lineNumber}: {e.Message}", e);
            }
            if (category != blockCategory || blockLength + length > maxBlock)
            {
                Flush();
                blockCategory = category;
            }
            record.AsSpan(0, length).CopyTo(block.AsSpan(blockLength));
            blockLength += length;
        }
        Flush();
        return written;

        void Flush()
        {
            if (blockLength == 0) return;
            output.WriteByte((byte)blockCategory);
            output.WriteByte((byte)((blockLength + 3) >> 8));
            output.WriteByte((byte)(blockLength + 3));
            output.Write(block, 0, blockLength);
            written += blockLength + 3;
            blockLength = 0;
        }
    }

    /// <summary>Longest line <see cref="ReadLines"/> accepts: far above any record's JSON (a whole 64 KiB data block in hex is 128 Ki characters).</summary>
    public const int MaxLineLength = 1 << 20;

    /// <summary>
    /// The lines of a JSON lines text (LF or CRLF), read as they are enumerated, so memory stays bounded whatever the file's
    /// size; a line longer than <paramref name="maxLength"/> characters fails with a <see cref="FormatException"/> naming file:line.
    /// </summary>
    public static IEnumerable<string> ReadLines(TextReader reader, string file, int maxLength = MaxLineLength)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var line = new System.Text.StringBuilder();
        var buffer = new char[8192];
        var number = 1;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == '\n')
                {
                    if (line.Length > 0 && line[^1] == '\r') line.Length--;
                    yield return line.ToString();
                    line.Clear();
                    number++;
                    continue;
                }
                if (line.Length == maxLength) throw new FormatException($"{file}:{number}: line longer than {maxLength} characters");
                line.Append(buffer[i]);
            }
        }
        if (line.Length > 0) yield return line.ToString();
    }

    /// <summary>Items converted whole between wire bytes and JSON by their own owner (every subfield kept), not through the typed record.</summary>
    private static bool IsWholeItemConverted(ItemFormat format) => format.Name == "I048/120";

    private static (int Category, int Length) EncodeRecord(JsonElement o, byte[] buffer, AsterixEditions editions)
    {
        if (o.ValueKind != JsonValueKind.Object) throw new FormatException("a JSON object per line expected");
        if (!o.TryGetProperty("cat", out var c) || c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out var category))
            throw new FormatException("\"cat\" (the category number) missing");
        var typed = new byte[buffer.Length];
        var w = new AsterixWriter(typed);
        Uap uap;
        switch (category)
        {
            case 48:
                var r48 = AsterixJson.ReadCat048(o);
                r48.Items &= ~Cat048Items.I120; // written whole below, raw Doppler speeds included
                if (r48.Items != 0) Cat048Codec.Encode(r48, ref w);
                uap = editions.Cat048.Uap;
                break;
            case 34:
                var r34 = AsterixJson.ReadCat034(o);
                if (r34.Items != 0) Cat034Codec.Encode(r34, ref w);
                uap = editions.Cat034.Uap;
                break;
            case 62:
                var r62 = AsterixJson.ReadCat062(o);
                if (r62.Items != 0) Cat062Codec.Encode(r62, ref w);
                uap = editions.Cat062.Uap;
                break;
            case 21 when editions.Cat021V023:
                var r21v023 = AsterixJson.ReadCat021V023(o);
                if (r21v023.Items != 0) Cat021V023Codec.Encode(r21v023, ref w);
                uap = Cat021V023Codec.Uap;
                break;
            case 21:
                var r21 = AsterixJson.ReadCat021(o);
                if (r21.Items != 0) Cat021Codec.Encode(r21, ref w);
                uap = editions.Cat021.Uap;
                break;
            default: throw new FormatException($"category {category} not supported (48, 34, 62, 21)");
        }
        foreach (var p in o.EnumerateObject())
            if (p.Name is not ("offset" or "cat") && !uap.Items.Any(i => i is not null && ShortName(i.Name) == p.Name))
                throw new FormatException($"\"{p.Name}\" is not an item of CAT{category:000} edition {uap.Edition}");
        var items = new List<(int, byte[])>();
        var spans = new List<ItemSpan>();
        var typedRecord = w.Written.ToArray();
        if (typedRecord.Length > 0) RecordLayout.Split(typedRecord, 0, uap, spans);
        foreach (var s in spans) items.Add((s.Frn, typedRecord.AsSpan(s.Start, s.Length).ToArray()));
        for (var frn = 1; frn <= uap.Items.Count; frn++)
        {
            if (uap.Items[frn - 1] is not { } format || spans.Exists(s => s.Frn == frn)) continue;
            var name = ShortName(format.Name);
            if (!o.TryGetProperty(name, out var raw)) continue;
            if (IsWholeItemConverted(format))
            {
                var item = new AsterixWriter(new byte[Cat048Doppler.MaxLength]);
                Cat048Doppler.ReadJson(raw, ref item);
                items.Add((frn, item.Written.ToArray()));
                continue;
            }
            var bytes = Convert.FromHexString(JsonItems.Text(raw, name, "octets"));
            var check = new AsterixReader(bytes);
            try
            {
                format.Skip(ref check);
            }
            catch (AsterixFormatException e)
            {
                throw new FormatException($"{name}.octets: not a valid {format.Name} ({e.Reason})", e);
            }
            if (!check.End) throw new FormatException($"{name}.octets: {check.Remaining} byte(s) beyond the end of {format.Name}");
            items.Add((frn, bytes));
        }
        if (items.Count == 0) throw new FormatException("record has no item");
        var output = new AsterixWriter(buffer);
        RecordLayout.Join(items, ref output);
        return (category, output.Position);
    }
}
