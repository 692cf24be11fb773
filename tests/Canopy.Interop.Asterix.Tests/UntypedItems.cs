using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Tests;

/// <summary>Adds random items the typed records do not hold (built from the UAP's format alone) to an encoded record.</summary>
internal static class UntypedItems
{
    public static byte[] AddTo(byte[] typedRecord, Uap uap, ulong typedMask, Random rng, bool withComposedTrackNumber = true)
    {
        var spans = new List<ItemSpan>();
        RecordLayout.Split(typedRecord, 0, uap, spans);
        var items = spans.Select(s => (s.Frn, typedRecord.AsSpan(s.Start, s.Length).ToArray())).ToList();
        for (var frn = 1; frn <= uap.Items.Count; frn++)
        {
            if (((typedMask >> (frn - 1)) & 1) != 0 || uap.Items[frn - 1] is not { } format || format.Kind == ItemKind.Explicit) continue;
            if (format.Name == "I062/510" && !withComposedTrackNumber) continue; // tshark 4.0 mis-dissects it (see TsharkOracleTests)

            if (rng.Next(3) == 0) items.Add((frn, Build(format, rng)));
        }
        var buffer = new byte[2048];
        var w = new AsterixWriter(buffer);
        RecordLayout.Join(items, ref w);
        return w.Written.ToArray();
    }

    private static byte[] Build(ItemFormat f, Random rng)
    {
        var bytes = new List<byte>();
        switch (f.Kind)
        {
            case ItemKind.Fixed:
                for (var i = 0; i < f.Length; i++) bytes.Add((byte)rng.Next(256));
                break;
            case ItemKind.Variable:
                for (var i = 0; i < f.Length; i++) bytes.Add((byte)(rng.Next(256) & (i == f.Length - 1 ? 0xFE : 0xFF)));
                break;
            case ItemKind.Repetitive:
                var rep = rng.Next(1, 3);
                bytes.Add((byte)rep);
                for (var i = 0; i < rep * f.Length; i++) bytes.Add((byte)rng.Next(256));
                break;
            default:
                var subfields = f.Subfields!;
                ulong present = 0;
                for (var i = 0; i < subfields.Count; i++)
                    if (subfields[i] is not null && rng.Next(3) == 0) present |= 1UL << i;
                if (present == 0) present = 1;
                var w = new AsterixWriter(new byte[16]);
                new Fspec(present).Write(ref w);
                bytes.AddRange(w.Written.ToArray());
                for (var i = 0; i < subfields.Count; i++)
                    if (((present >> i) & 1) != 0) bytes.AddRange(Build(subfields[i]!, rng));
                break;
        }
        return [.. bytes];
    }
}
