using Canopy.Core.Quantities;

namespace Canopy.Interop.Cot;

/// <summary>
/// What a CoT position report must satisfy to move a fire unit (<see cref="EffectorPositionBoard"/>), beyond naming a mobile
/// unit's <c>cot-uid</c> from one of its <c>cot-from</c> addresses: a time no later than now plus <see cref="MaxClockLead"/>,
/// a height a ground unit can have, and a move no unit can exceed: at most <see cref="MaxSpeed"/> for the time since its last
/// report, plus <see cref="Tolerance"/> for the reports' own errors; the first report within <see cref="FirstReportRadius"/>
/// of where the scenario puts the unit. TCP inputs serve up to <see cref="MaxClients"/> at once, each message at most
/// <see cref="MaxMessageBytes"/>, and close a client silent for <see cref="IdleTimeout"/>.
/// </summary>
public sealed record CotInOptions
{
    /// <summary>30 s clock lead, 120 km/h, 500 m tolerance, 50 km first-report radius, ground heights -500 m to 9 km; TCP: 32 clients,
    /// 64 KiB messages, 60 s idle.</summary>
    public static CotInOptions Default { get; } = new();

    /// <summary>How far a report's time may lie ahead of this machine's clock.</summary>
    public Duration MaxClockLead { get; init; } = Duration.FromSeconds(30);

    /// <summary>The fastest a fire unit moves on the ground.</summary>
    public Speed MaxSpeed { get; init; } = Speed.FromMetresPerSecond(120 / 3.6);

    /// <summary>The distance any report may lie from the last one, whatever the time between (the reports' own position errors).</summary>
    public Length Tolerance { get; init; } = Length.FromMetres(500);

    /// <summary>How far from its scenario position a unit's first report may put it.</summary>
    public Length FirstReportRadius { get; init; } = Length.FromKilometres(50);

    /// <summary>The lowest height above the ellipsoid a ground unit is reported at.</summary>
    public Length MinHeight { get; init; } = Length.FromMetres(-500);

    /// <summary>The highest height above the ellipsoid a ground unit is reported at.</summary>
    public Length MaxHeight { get; init; } = Length.FromKilometres(9);

    /// <summary>TCP clients served at once; one more is closed as it connects.</summary>
    public int MaxClients { get; init; } = 32;

    /// <summary>The longest message (XML event or TAK frame) accepted on a TCP stream; a longer one is dropped and counted.</summary>
    public int MaxMessageBytes { get; init; } = CotStreamSplitter.DefaultMaxMessageBytes;

    /// <summary>A TCP client that sends nothing for this long is closed, so it holds no slot.</summary>
    public Duration IdleTimeout { get; init; } = Duration.FromSeconds(60);
}
