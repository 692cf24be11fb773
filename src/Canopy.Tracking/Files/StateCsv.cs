using Canopy.Core.Geometry;
using Canopy.Tracking.Metrics;

namespace Canopy.Tracking.Files;

/// <summary>What a state file holds: true targets (truth.csv) or a tracker's tracks (tracks.csv).</summary>
public enum StateFileKind { Truth, Tracks }

/// <summary>
/// truth.csv (<c>time_s,target_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps</c>) and tracks.csv (the same with
/// <c>track_id</c>): one row per object per time, positions and velocities in the local east/north/up frame,
/// written to the microsecond and millimetre.
/// </summary>
public static class StateCsv
{
    public const string TruthHeader = "time_s,target_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps";
    public const string TracksHeader = "time_s,track_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps";

    public static string Header(StateFileKind kind) => kind == StateFileKind.Truth ? TruthHeader : TracksHeader;

    /// <exception cref="TrackingFileException">The file is missing, has another header or a bad row.</exception>
    public static List<TimedState> Read(string path, StateFileKind kind)
    {
        var rows = new List<TimedState>();
        CsvTable.Read(path, [Header(kind)], t => rows.Add(Row(t)));
        return rows;
    }

    /// <summary>Reads from text already open; <paramref name="file"/> labels the errors.</summary>
    public static List<TimedState> Read(TextReader reader, string file, StateFileKind kind)
    {
        var rows = new List<TimedState>();
        CsvTable.Read(reader, file, [Header(kind)], t => rows.Add(Row(t)));
        return rows;
    }

    public static void WriteHeader(TextWriter writer, StateFileKind kind)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(Header(kind));
    }

    public static void WriteRow(TextWriter writer, double time, TargetState s)
    {
        ArgumentNullException.ThrowIfNull(writer);
        CsvTable.Write(writer, time, CsvTable.Time, first: true);
        CsvTable.Write(writer, s.Id);
        CsvTable.Write(writer, s.Position.X, CsvTable.Metres);
        CsvTable.Write(writer, s.Position.Y, CsvTable.Metres);
        CsvTable.Write(writer, s.Position.Z, CsvTable.Metres);
        CsvTable.Write(writer, s.Velocity.X, CsvTable.Metres);
        CsvTable.Write(writer, s.Velocity.Y, CsvTable.Metres);
        CsvTable.Write(writer, s.Velocity.Z, CsvTable.Metres);
        writer.WriteLine();
    }

    private static TimedState Row(CsvTable t) => new(t.Number(0), new TargetState(t.Integer(1),
        new Vec3(t.Number(2), t.Number(3), t.Number(4)), new Vec3(t.Number(5), t.Number(6), t.Number(7))));
}
