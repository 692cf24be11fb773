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
}
