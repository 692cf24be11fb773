namespace Canopy.Tracking.Tests;

public class StateCovarianceTests
{
    [Fact]
    public void From_KeepsTheThirtySixValuesInOrder()
    {
        var values = new double[36];
        for (var i = 0; i < 36; i++) values[i] = i * 1.5;
        StateCovariance covariance = values;
        for (var i = 0; i < 36; i++) Assert.Equal(i * 1.5, covariance[i]);
        values[0] = 99; // a copy: the array given is not kept
        Assert.Equal(0, covariance[0]);
    }

    [Fact]
    public void From_WrongNumberOfValuesNamesBothCounts()
    {
        var error = Assert.Throws<ArgumentException>(() => StateCovariance.From(new double[35]));
        Assert.Contains("36 values, not 35", error.Message, StringComparison.Ordinal);
    }
}
