using Canopy.Tracking.Filtering;

namespace Canopy.Tracking.Tests;

public class Matrix6Tests
{
    [Fact]
    public void Multiply6By3_EqualsTheLoopProductBitForBit()
    {
        var rng = new Random(3);
        var a = new double[36];
        var b = new double[18];
        for (var trial = 0; trial < 100; trial++)
        {
            for (var i = 0; i < a.Length; i++) a[i] = rng.NextDouble() * 2e4 - 1e4;
            for (var i = 0; i < b.Length; i++) b[i] = rng.NextDouble() * 2 - 1;
            // A's first three columns times Bᵀ, B read as the first three columns of a 3x6 row-major matrix (as C = P·Hᵀ).
            var product = new double[18];
            Matrix6.Multiply6By3(a, 6, b, 1, 6, product);
            for (var i = 0; i < 6; i++)
                for (var k = 0; k < 3; k++)
                {
                    var sum = 0.0;
                    for (var q = 0; q < 3; q++) sum += a[i * 6 + q] * b[k * 6 + q];
                    Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(product[i * 3 + k]));
                }
            // A 6x3 row-major matrix times a 3x3 one (as K = C·S⁻¹).
            Matrix6.Multiply6By3(a, 3, b, 3, 1, product);
            for (var i = 0; i < 6; i++)
                for (var k = 0; k < 3; k++)
                {
                    var sum = 0.0;
                    for (var q = 0; q < 3; q++) sum += a[i * 3 + q] * b[q * 3 + k];
                    Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(product[i * 3 + k]));
                }
        }
    }
}
