using Canopy.Core.Geometry;
using Canopy.Core.Sensing;

namespace Canopy.Tracking.Tests;

public class SequentialProbabilityRatioConfirmationTests
{
    private static readonly TrackerOptions ScoreOptions = new()
    {
        Initiation = TrackInitiation.Score, ClutterDensity = 1e-12, NewTargetDensity = 1e-15,
        FalseTrackProbability = 1e-6, MissedTrackProbability = 0.1,
    };

    [Fact]
    public void Thresholds_AreWaldsAndTheDensityRatio()
    {
        var test = new SequentialProbabilityRatioConfirmation(ScoreOptions);
        Assert.Equal(13.710150042306449, test.ConfirmationThreshold, 12); // ln(0.9 / 1e-6)
        Assert.Equal(-6.907755278982137, test.InitialScore, 12);          // ln(1e-15 / 1e-12)
    }

    [Fact]
    public void Hit_IsTheLogLikelihoodRatioOfTheInnovation()
    {
        // ln 0.9 − ln 1e-12 − ½(3 ln 2π + ln 1e9 + 2), by hand: 13.4072.
        var test = new SequentialProbabilityRatioConfirmation(ScoreOptions);
        Assert.Equal(13.407212082183499, test.Hit(2, Math.Log(1e9), 3, 0.9), 10);
    }

    [Fact]
    public void Miss_IsLogOfOneMinusDetectionProbability()
    {
        Assert.Equal(Math.Log(0.1), SequentialProbabilityRatioConfirmation.Miss(0.9), 12);
        Assert.True(double.IsFinite(SequentialProbabilityRatioConfirmation.Miss(1)));
    }

    [Fact]
    public void Constructor_ProbabilityOutsideZeroOne_Throws()
    {
        Assert.Throws<ArgumentException>(() => new SequentialProbabilityRatioConfirmation(ScoreOptions with { FalseTrackProbability = 1 }));
    }

    [Fact]
    public void Update_ScoreInitiation_ConfirmsASteadyTargetAndDeletesItAfterItVanishes()
    {
        var radar = TestWorld.Radar(1, Core.Geodesy.Geodetic.FromDegrees(32.1, 35.1, 50));
        var tracker = new KalmanTracker(TestWorld.Layout(radar), ScoreOptions);
        var rng = new Random(5);
        Vec3 Truth(double t) => new(20_000 + 60 * t, 10_000 - 20 * t, 1_500);
        var confirmedAt = double.NaN;
        for (var t = 1; t <= 10; t++)
            if (tracker.Update(t, [TestWorld.Observe(radar, t, Truth(t), rng)]) is [{ Status: TrackStatus.Confirmed }] && double.IsNaN(confirmedAt)) confirmedAt = t;
        Assert.InRange(confirmedAt, 2, 4);
        // P_D = 1 is held at 0.999: one miss costs ln 0.001 = −6.9, two exceed the deletion drop of 7.
        Assert.Single(tracker.Update(11, []));
        Assert.Empty(tracker.Update(12, []));
    }

    [Fact]
    public void Update_ScoreInitiation_ConfirmsNoClutter()
    {
        Assert.Equal(0, ConfirmedFromClutter(ScoreOptions with { ClutterDensity = TestClutterDensity }));
    }

    [Fact]
    public void Update_ScoreInitiationWithLooseFalseTrackProbability_ConfirmsClutter()
    {
        // α = 0.5 (threshold ln 1.8): shows the clutter test above measures something.
        Assert.True(ConfirmedFromClutter(ScoreOptions with { ClutterDensity = TestClutterDensity, FalseTrackProbability = 0.5 }) > 0);
    }

    /// <summary>5 false plots a scan within 150 km and 0.2 rad of elevation: 5 / (2π/3 · 150 km³ · 0.2) ≈ 3.5e-15 per m³.</summary>
    private const double TestClutterDensity = 3.5e-15;

    /// <summary>Confirmed track reports over 120 scans of 5 false plots each.</summary>
    private static int ConfirmedFromClutter(TrackerOptions options)
    {
        var radar = TestWorld.Radar(1, Core.Geodesy.Geodetic.FromDegrees(32.1, 35.1, 50));
        var tracker = new KalmanTracker(TestWorld.Layout(radar), options);
        var rng = new Random(11);
        var plots = new Plot[5];
        var confirmed = 0;
        for (var t = 1; t <= 120; t++)
        {
            for (var i = 0; i < plots.Length; i++) plots[i] = TestWorld.Clutter(radar, t, rng);
            foreach (var track in tracker.Update(t, plots)) confirmed += track.Status == TrackStatus.Confirmed ? 1 : 0;
        }
        return confirmed;
    }
}
