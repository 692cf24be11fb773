using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;

namespace Canopy.Server.Store;

/// <summary>What `canopy audit verify` found: how many entries held, and the first one that did not (with why).</summary>
/// <param name="Verified">Entries checked and found intact, from the first.</param>
/// <param name="FailedEntry">The sequence number of the first entry altered, removed or out of order; null when none (or when the fault is a row outside the journal).</param>
/// <param name="Problem">What is wrong, in words; null when the whole journal verified.</param>
public sealed record JournalVerification(long Verified, long? FailedEntry, string? Problem)
{
    public bool Ok => Problem is null;
}

/// <summary>
/// The append-only, hash-chained journal over the record tables (decisions, relocations, audit entries, runs started).
/// Each journal entry names one row and carries SHA-256(previous entry's hash, newline, the entry's canonical content),
/// where the canonical content is the entry's sequence number, kind and row id with every column of the row, as JSON
/// in a fixed order. The entry is written in the same transaction as its row, under the store's write lock, so the chain
/// has one order. Verification recomputes every hash from the rows as they are now: a row edited, a row or entry
/// removed, rows swapped or entries reordered all break it at the first entry concerned.
/// </summary>
internal static class Journal
{
    /// <summary>The hash before the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The record tables by journal kind, with the columns that make up an entry's content, in order.</summary>
    public static readonly IReadOnlyDictionary<string, (string Table, string[] Columns)> Kinds = new Dictionary<string, (string, string[])>
    {
        ["run"] = ("runs", ["run_id", "scenario", "seed", "mode", "started_at"]),
        ["decision"] = ("decisions", ["run_id", "recommendation_id", "kind", "operator", "simulated_time", "decided_at", "effector", "track_id",
            "rounds", "kill_probability", "cost", "intercept_time", "version", "seen_version", "detail"]),
        ["relocation"] = ("relocations", ["run_id", "simulated_time", "effector", "latitude_rad", "longitude_rad", "height_m"]),
        ["audit"] = ("audit", ["kind", "actor", "run_id", "detail", "at"]),
    };

    /// <summary>
    /// Columns added after the journal existed (schema 3): in an entry's content only when set, so the rows chained before
    /// (where they are null) keep their hashes.
    /// </summary>
    private static readonly HashSet<string> LaterColumns = new(StringComparer.Ordinal) { "version", "seen_version", "detail" };

    /// <summary>Chains the row <paramref name="rowId"/> of <paramref name="kind"/> to the journal, inside the caller's write transaction.</summary>
    public static void Chain(DbConnection connection, DbTransaction transaction, string kind, long rowId)
    {
        var last = connection.QuerySingleOrDefault<LastEntry>("SELECT seq AS Seq, hash AS Hash FROM journal ORDER BY seq DESC LIMIT 1",
            transaction: transaction);
        var seq = (last?.Seq ?? 0) + 1;
        var row = ReadRow(connection, transaction, kind, rowId)
                  ?? throw new InvalidOperationException($"the {kind} row {rowId} just written cannot be read back");
        var hash = Hash(last?.Hash ?? Genesis, Canonical(seq, kind, rowId, row));
        connection.Execute("INSERT INTO journal (seq, kind, row_id, hash) VALUES (@seq, @kind, @rowId, @hash)",
            new { seq, kind, rowId, hash }, transaction);
    }

    /// <summary>Walks the journal from its first entry and reports the first entry that does not hold, or a row outside it.</summary>
    public static JournalVerification Verify(DbConnection connection)
    {
        var previous = Genesis;
        long verified = 0;
        foreach (var entry in connection.Query<Entry>("SELECT seq AS Seq, kind AS Kind, row_id AS RowId, hash AS Hash FROM journal ORDER BY seq"))
        {
            var seq = verified + 1;
            if (entry.Seq != seq)
                return new(verified, seq, $"entry {seq} is missing: the journal goes from entry {verified} to entry {entry.Seq} (removed or reordered)");
            if (!Kinds.ContainsKey(entry.Kind)) return new(verified, seq, $"entry {seq} has an unknown kind '{entry.Kind}' (altered)");
            if (ReadRow(connection, null, entry.Kind, entry.RowId) is not { } row)
                return new(verified, seq, $"entry {seq}: its {entry.Kind} row {entry.RowId} is missing (removed)");
            if (Hash(previous, Canonical(seq, entry.Kind, entry.RowId, row)) != entry.Hash)
                return new(verified, seq, $"entry {seq} ({entry.Kind} row {entry.RowId}) does not match its hash: it, or the entry before it, was altered, removed or reordered");
            previous = entry.Hash;
            verified = seq;
        }
        foreach (var (kind, (table, _)) in Kinds)
        {
            var stray = connection.ExecuteScalar<long?>($"SELECT MIN(id) FROM {table} WHERE id NOT IN (SELECT row_id FROM journal WHERE kind = @kind)",
                new { kind });
            if (stray is { } id) return new(verified, null, $"{kind} row {id} of table {table} is in no journal entry (added or re-inserted outside the server)");
        }
        return new(verified, null, null);
    }

    public static string Hash(string previous, string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previous + "\n" + canonical)));

    private static IDictionary<string, object?>? ReadRow(DbConnection connection, DbTransaction? transaction, string kind, long rowId)
    {
        var (table, columns) = Kinds[kind];
        return connection.QuerySingleOrDefault($"SELECT {string.Join(", ", columns)} FROM {table} WHERE id = @rowId", new { rowId }, transaction)
            as IDictionary<string, object?>;
    }

    /// <summary>The entry's content as compact JSON: seq, kind, id, then the row's columns in the kind's order (numbers in shortest round-trip form).</summary>
    internal static string Canonical(long seq, string kind, long rowId, IDictionary<string, object?> row)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", seq);
            json.WriteString("kind", kind);
            json.WriteNumber("id", rowId);
            foreach (var column in Kinds[kind].Columns)
            {
                if (LaterColumns.Contains(column) && row[column] is null or DBNull) continue;
                json.WritePropertyName(column);
                switch (row[column])
                {
                    case null or DBNull: json.WriteNullValue(); break;
                    case string s: json.WriteStringValue(s); break;
                    case long or int or short or byte: json.WriteNumberValue(Convert.ToInt64(row[column], CultureInfo.InvariantCulture)); break;
                    case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
                    case double d: json.WriteStringValue(d.ToString(CultureInfo.InvariantCulture)); break;
                    case byte[] bytes: json.WriteBase64StringValue(bytes); break;
                    case var other: json.WriteStringValue(Convert.ToString(other, CultureInfo.InvariantCulture)); break;
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private sealed class LastEntry
    {
        public long Seq { get; init; }
        public string Hash { get; init; } = "";
    }

    private sealed class Entry
    {
        public long Seq { get; init; }
        public string Kind { get; init; } = "";
        public long RowId { get; init; }
        public string Hash { get; init; } = "";
    }
}
