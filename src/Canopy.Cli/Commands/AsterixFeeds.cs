using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Feeds;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;

namespace Canopy.Cli.Commands;

/// <summary>What `simulate --asterix-out` and `listen --asterix` share: the scenario's radars as ASTERIX sources and a pipeline tally.</summary>
internal static class AsterixFeeds
{
    /// <summary>SAC of Canopy's simulated radars; each radar's SIC is its sensor id.</summary>
    public const byte Sac = 0;

    /// <summary>Datagrams per second the simulator sends at most, so a listener on the same machine keeps up.</summary>
    public const double SendRate = 4000;

    public static IReadOnlyList<RadarSite> Sites(Scenario scenario) => RadarSites.From(scenario.Sensors, Sac);

    /// <summary>The ADS-B ground station of Canopy's simulated radars (`simulate --asterix-out`): the radars' SAC, SIC 255.</summary>
    public static readonly Canopy.Interop.Asterix.Coding.DataSource SimulatedAdsbStation = new(Sac, 255);

    /// <summary>What `listen` and `replay` believe unless told otherwise: CAT062 and CAT021 only from the simulated ADS-B station.</summary>
    public static AsterixFeedOptions Options { get; } = new() { Partners = new HashSet<Canopy.Interop.Asterix.Coding.DataSource> { SimulatedAdsbStation } };

    /// <summary>Parses a partner written SAC/SIC (each 0..255).</summary>
    public static Canopy.Interop.Asterix.Coding.DataSource ParsePartner(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2 && byte.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sac)
            && byte.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sic))
            return new(sac, sic);
        throw new FormatException($"--partner '{text}': expected SAC/SIC, each 0..255 (for example 0/255)");
    }

    public static double StartTimeOfDay(Scenario scenario) => scenario.StartTime.UtcDateTime.TimeOfDay.TotalSeconds;

    /// <summary>
    /// Standard deviation per axis (m) of a position plot, which on an ASTERIX feed is a partner's CAT062 system track. Its errors
    /// are the partner's filter estimates, correlated from one update to the next, so it is given far more spread than a raw
    /// measurement: at the tracker's default 50 m, the quiet night's 52 tracks relayed as CAT062 became 900 confirmed tracks here
    /// (fragmented in the gate); at 300 m, 57.
    /// </summary>
    public const double SystemTrackSigma = 300;

    /// <param name="positions">The fire units' reported positions (CoT in), read at every step; null: they stay put.</param>
    public static DefencePipeline Pipeline(Scenario scenario, Canopy.ThreatEvaluation.IIdentityCorrelator? civil = null, IEffectorPositions? positions = null) =>
        DefaultPipeline.Create(new DefenceLayout(new LocalFrame(scenario.Region.Centre), scenario.Assets, scenario.Sensors, scenario.Effectors, scenario.Policy),
            AssignerKind.MarginalReturn, static a => a, civil, new Canopy.Tracking.TrackerOptions { PositionPlotSigma = SystemTrackSigma }, positions);

    /// <summary>Counts the confirmed tracks and shot orders of a pipeline's steps.</summary>
    public sealed class Tally(DefencePipeline pipeline)
    {
        private readonly HashSet<int> _confirmed = [];

        public DefencePipeline Pipeline => pipeline;

        public int Steps { get; private set; }
        public int ShotOrders { get; private set; }
        public int ConfirmedTracks => _confirmed.Count;

        public PipelineStep Step(double time, ReadOnlySpan<Plot> plots)
        {
            var step = pipeline.Step(time, plots);
            Steps++;
            ShotOrders += step.Engagements.Shots.Count;
            foreach (var t in step.Tracks)
                if (t.Status == Canopy.Tracking.TrackStatus.Confirmed) _confirmed.Add(t.Id);
            return step;
        }

        public override string ToString() => $"{Steps} pipeline steps, {ConfirmedTracks} confirmed tracks, {ShotOrders} shot orders";
    }
}
