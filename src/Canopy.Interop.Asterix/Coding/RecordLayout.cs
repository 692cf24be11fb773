namespace Canopy.Interop.Asterix.Coding;

/// <summary>Where one item of a record lies: its FRN and byte range within the record.</summary>
public readonly record struct ItemSpan(int Frn, int Start, int Length);

/// <summary>Splits a record into its items with the UAP alone (no decoding), and joins items back into a record.</summary>
public static class RecordLayout
{
    /// <summary>The items of the record at the start of <paramref name="data"/>; returns the record's length.</summary>
    public static int Split(ReadOnlySpan<byte> data, long origin, Uap uap, List<ItemSpan> items)
    {
        ArgumentNullException.ThrowIfNull(uap);
        ArgumentNullException.ThrowIfNull(items);
        var r = new AsterixReader(data, origin);
        foreach (var frn in Fspec.Read(ref r, uap.Items.Count))
        {
            var start = r.Position;
            uap.Skip(frn, ref r);
            items.Add(new ItemSpan(frn, start, r.Position - start));
        }
        return r.Position;
    }

    /// <summary>Writes FSPEC and items (each given as its wire bytes), in FRN order whatever the input order.</summary>
    public static void Join(IReadOnlyList<(int Frn, byte[] Bytes)> items, ref AsterixWriter w)
    {
        ArgumentNullException.ThrowIfNull(items);
        var sorted = items.OrderBy(i => i.Frn).ToList();
        ulong bits = 0;
        foreach (var (frn, _) in sorted) bits |= 1UL << (frn - 1);
        new Fspec(bits).Write(ref w);
        foreach (var (_, bytes) in sorted) w.WriteBytes(bytes);
    }
}
