using Canopy.Core.Quantities;
using Canopy.Tracking.Files;

namespace Canopy.Tracking.Tests.Files;

public class TrackerOptionsFileTests
{
    [Fact]
    public void Parse_KebabCaseKeys_SetThoseOptionsAndKeepTheRest()
    {
        var options = TrackerOptionsFile.Parse("process-noise-density: 7.5\nconfirmation-hits: 2\n", "tracker.yaml");
        Assert.Equal(7.5, options.ProcessNoiseDensity);
        Assert.Equal(2, options.ConfirmationHits);
        Assert.Equal(new TrackerOptions().ConfirmationWindow, options.ConfirmationWindow);
    }

    [Fact]
    public void Parse_EmptyFile_GivesDefaults()
    {
        Assert.Equal(new TrackerOptions(), TrackerOptionsFile.Parse("", "tracker.yaml"));
    }

    [Fact]
    public void Parse_UnknownKey_NamesLineColumnAndKey()
    {
        var ex = Assert.Throws<TrackingFileException>(() => TrackerOptionsFile.Parse("confirmation-hits: 2\nconfirmation-hitz: 3\n", "tracker.yaml"));
        Assert.StartsWith("tracker.yaml:2:1: unknown key 'confirmation-hitz'; the keys are ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("confirmation-hits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadNumber_NamesLineAndColumn()
    {
        var ex = Assert.Throws<TrackingFileException>(() => TrackerOptionsFile.Parse("fast-speed: quick\n", "tracker.yaml"));
        Assert.StartsWith("tracker.yaml:1:13: ", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("filter: constant-velocity\nupdate: ukf\n")]
    [InlineData("filter: ConstantVelocity\nupdate: Ukf\n")]
    public void Parse_EnumValueInKebabOrPascalCase_IsRead(string yaml)
    {
        var options = TrackerOptionsFile.Parse(yaml, "tracker.yaml");
        Assert.Equal(MotionFilter.ConstantVelocity, options.Filter);
        Assert.Equal(MeasurementUpdate.Ukf, options.Update);
    }

    [Fact]
    public void Parse_UnknownEnumValue_NamesLineColumnAndTheChoices()
    {
        var ex = Assert.Throws<TrackingFileException>(() => TrackerOptionsFile.Parse("filter: kalman\n", "tracker.yaml"));
        Assert.Equal("tracker.yaml:1:9: bad value: 'kalman' is not one of imm, constant-velocity, constant-acceleration", ex.Message);
    }

    [Fact]
    public void Parse_ModelsAndConstantAccelerationKeys_AreRead()
    {
        var options = TrackerOptionsFile.Parse(
            "models: [constant-velocity, constant-acceleration]\nconstant-acceleration-noise-density: 0.5\nacceleration-sigma: 20\n", "tracker.yaml");
        Assert.Equal([MotionModelKind.ConstantVelocity, MotionModelKind.ConstantAcceleration], options.Models);
        Assert.Equal(0.5, options.ConstantAccelerationNoiseDensity);
        Assert.Equal(20, options.AccelerationSigma);
        Assert.Equal(MotionFilter.ConstantAcceleration, TrackerOptionsFile.Parse("filter: constant-acceleration\n", "tracker.yaml").Filter);
    }

    [Theory]
    [InlineData("models: [ballistic, coordinated-turn, ballistic]\n", "tracker.yaml:1:39: bad value: 'ballistic' is listed twice")]
    [InlineData("models: []\n", "tracker.yaml:1:9: bad value: the IMM needs at least one motion model")]
    [InlineData("models: [cv]\n", "tracker.yaml:1:10: bad value: 'cv' is not one of constant-velocity, coordinated-turn, ballistic, constant-acceleration")]
    public void Parse_BadModels_NameLineAndColumn(string yaml, string message)
    {
        var ex = Assert.Throws<TrackingFileException>(() => TrackerOptionsFile.Parse(yaml, "tracker.yaml"));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Parse_ScoreInitiationKeys_AreRead()
    {
        var options = TrackerOptionsFile.Parse("initiation: score\nfalse-track-probability: 1e-5\nmissed-track-probability: 0.05\n"
            + "new-target-density: 1e-18\ndeletion-drop: 9\n", "tracker.yaml");
        Assert.Equal(TrackInitiation.Score, options.Initiation);
        Assert.Equal(1e-5, options.FalseTrackProbability);
        Assert.Equal(0.05, options.MissedTrackProbability);
        Assert.Equal(1e-18, options.NewTargetDensity);
        Assert.Equal(9, options.DeletionDrop);
        Assert.Equal(TrackInitiation.MOfN, TrackerOptionsFile.Parse("initiation: m-of-n\n", "tracker.yaml").Initiation);
    }

    [Fact]
    public void Parse_UnknownInitiation_ListsTheChoices()
    {
        var ex = Assert.Throws<TrackingFileException>(() => TrackerOptionsFile.Parse("initiation: sprt\n", "tracker.yaml"));
        Assert.Equal("tracker.yaml:1:13: bad value: 'sprt' is not one of m-of-n, score", ex.Message);
    }

    [Fact]
    public void Parse_ProbabilityOutsideZeroOne_NamesLineAndKey()
    {
        var ex = Assert.Throws<TrackingFileException>(() => TrackerOptionsFile.Parse("initiation: score\n  \nfalse-track-probability: 1.5\n", "tracker.yaml"));
        Assert.Equal("tracker.yaml:3:1: false-track-probability: must be a probability strictly between 0 and 1", ex.Message);
    }

    [Fact]
    public void Parse_RangeRateGate_IsReadAndMustBePositive()
    {
        Assert.Equal(10.828, new TrackerOptions().RangeRateGate);
        Assert.Equal(6.635, TrackerOptionsFile.Parse("range-rate-gate: 6.635\n", "tracker.yaml").RangeRateGate);
        var ex = Assert.Throws<TrackingFileException>(() => TrackerOptionsFile.Parse("position-gate: 16\nrange-rate-gate: 0\n", "tracker.yaml"));
        Assert.Equal("tracker.yaml:2:1: range-rate-gate: must be positive (a chi-square value, 1 degree of freedom)", ex.Message);
    }

    [Theory]
    [InlineData("max-coast-time: -1\n", "tracker.yaml:1:1: max-coast-time: must be a positive duration")]
    [InlineData("position-gate: 0\n", "tracker.yaml:1:1: position-gate: must be a finite positive number (a chi-square value, 3 degrees of freedom)")]
    [InlineData("confirmation-window: 0\n", "tracker.yaml:1:1: confirmation-window: must be a whole number from 1 to 30")]
    [InlineData("confirmation-window: 40\n", "tracker.yaml:1:1: confirmation-window: must be a whole number from 1 to 30")]
    [InlineData("detection-probability: 2\n", "tracker.yaml:1:1: detection-probability: must be a probability above 0 and at most 1")]
    [InlineData("fast-speed: .nan\n", "tracker.yaml:1:1: fast-speed: must be a positive speed (m/s), or infinity for none")]
    [InlineData("confirmation-window: 2\nconfirmation-hits: 3\n", "tracker.yaml:2:1: confirmation-hits: must be a whole number from 1 to confirmation-window")]
    public void Parse_ValueOutOfRange_NamesLineColumnKeyAndRule(string yaml, string message)
    {
        var ex = Assert.Throws<TrackingFileException>(() => TrackerOptionsFile.Parse(yaml, "tracker.yaml"));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Parse_SeveralBadValues_ReportsEveryOneInFileOrder()
    {
        var ex = Assert.Throws<TrackingFileException>(() => TrackerOptionsFile.Parse("turn-rate: 0.1\nposition-gate: -3\nmax-coast-time: 0 s\n", "tracker.yaml"));
        var lines = ex.Message.Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("tracker.yaml:2:1: position-gate:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("tracker.yaml:3:1: max-coast-time:", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("max-coast-time: 2.5\n", 2.5)]
    [InlineData("max-coast-time: 2.5 s\n", 2.5)]
    [InlineData("max-coast-time: 1 min\n", 60)]
    public void Parse_MaxCoastTime_IsADurationBareInSecondsOrWithItsUnit(string yaml, double seconds)
    {
        Assert.Equal(seconds, TrackerOptionsFile.Parse(yaml, "tracker.yaml").MaxCoastTime.Seconds);
    }

    [Fact]
    public void Parse_SensorBiases_AreReadBareOrWithUnits()
    {
        var options = TrackerOptionsFile.Parse("sensor-biases:\n  - { sensor-id: 1, range-bias: 120 m, azimuth-bias: 0.1 deg }\n  - { sensor-id: 2, range-bias: -30 }\n", "tracker.yaml");
        Assert.Equal([new SensorBias(1, 120, 0.1 * Math.PI / 180), new SensorBias(2, -30, 0)], options.SensorBiases);
    }

    [Theory]
    [InlineData("sensor-biases: 3\n", "tracker.yaml:1:16: bad value: sensor-biases: expected a list of { sensor-id: N, range-bias: 120 m, azimuth-bias: 0.1 deg }")]
    [InlineData("sensor-biases: [{ range-bias: 3 }]\n", "tracker.yaml:1:17: bad value: a sensor bias needs its sensor-id")]
    [InlineData("sensor-biases: [{ sensor-id: 1, range: 3 }]\n", "tracker.yaml:1:33: bad value: unknown key 'range' in a sensor bias; the keys are sensor-id, range-bias, azimuth-bias")]
    [InlineData("sensor-biases: [{ sensor-id: 1, range-bias: 3 km/h }]\n", "tracker.yaml:1:45: bad value: range-bias: '3 km/h' is a speed, expected a length")]
    public void Parse_BadSensorBiases_SayWhatIsExpected(string yaml, string message)
    {
        var ex = Assert.Throws<TrackingFileException>(() => TrackerOptionsFile.Parse(yaml, "tracker.yaml"));
        Assert.Equal(message, ex.Message);
        Assert.DoesNotContain("Canopy.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverDefaults_KeepsTheDefaultsOfKeysTheFileLeavesOut()
    {
        var defaults = new TrackerOptions { ConfirmationHits = 2, MaxCoastTime = Duration.FromSeconds(4) };
        var options = TrackerOptionsFile.Parse("max-coast-time: 9 s\n", "tracker.yaml", defaults);
        Assert.Equal(2, options.ConfirmationHits);
        Assert.Equal(9, options.MaxCoastTime.Seconds);
    }
}
