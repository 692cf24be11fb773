using Canopy.Core.Quantities;

namespace Canopy.Tracking.Tests;

public class TrackerOptionsTests
{
    [Fact]
    public void Validate_Defaults_BreakNoRule()
    {
        Assert.Empty(new TrackerOptions().Validate());
    }

    [Fact]
    public void Validate_EveryBrokenRule_IsListedWithItsProperty()
    {
        var options = new TrackerOptions
        {
            MaxCoastTime = Duration.FromSeconds(-1),
            PositionGate = 0,
            ConfirmationWindow = 31,
            DetectionProbability = 2,
            SensorBiases = [new SensorBias(1, double.NaN, 0), new SensorBias(1, 0, 0)],
            Models = [],
        };
        var properties = options.Validate().Select(r => r.Property).ToList();
        Assert.Equal([nameof(TrackerOptions.ConfirmationWindow), nameof(TrackerOptions.MaxCoastTime), nameof(TrackerOptions.PositionGate),
            nameof(TrackerOptions.Models), nameof(TrackerOptions.DetectionProbability), nameof(TrackerOptions.SensorBiases),
            nameof(TrackerOptions.SensorBiases)], properties);
    }

    [Fact]
    public void Constructor_BrokenOptions_AreRefusedWithTheirRules()
    {
        var ex = Assert.Throws<ArgumentException>(() => new KalmanTracker(TestWorld.Layout(), new TrackerOptions { ConfirmationWindow = 40 }));
        Assert.Contains("ConfirmationWindow: must be a whole number from 1 to 30", ex.Message, StringComparison.Ordinal);
    }
}
