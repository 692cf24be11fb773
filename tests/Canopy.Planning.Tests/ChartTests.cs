using System.Globalization;
using System.Xml.Linq;
using Canopy.Planning.Charts;
using Canopy.Planning.Supply;

namespace Canopy.Planning.Tests;

public class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void StockChartHasOneLinePerTypeAndSafetyStockWithAPointPerMonth()
    {
        var plan = new SupplyPlan("p", 3, 5, 0, [new StockType("A", 10, 2, 1, 1), new StockType("B", 20, 5, 2, 1)], [], []);
        var months = new List<TypeMonth>();
        for (var m = 1; m <= 3; m++)
        {
            months.Add(new TypeMonth(m, "A", 5, 0, 0, 10 - m, 0, 0));
            months.Add(new TypeMonth(m, "B", 10, 0, 0, 20 - 2 * m, 0, 0));
        }
        var result = new SupplyResult(true, true, new double[0, 3], months, 0, 0, [], true);
        var svg = XDocument.Parse(PlanningCharts.Stock(plan, result));
        var lines = svg.Descendants(Svg + "polyline").ToDictionary(e => (string)e.Attribute("data-series")!);
        Assert.Equal(["A", "B", "A safety", "B safety"], lines.Keys);
        foreach (var line in lines.Values) Assert.Equal(4, Points(line).Count);
        Assert.NotNull(lines["A safety"].Attribute("stroke-dasharray"));
        Assert.Null(lines["A"].Attribute("stroke-dasharray"));
        // Stock falls month by month: SVG y grows downwards, so each point of A lies lower than the one before.
        var a = Points(lines["A"]);
        for (var i = 1; i < a.Count; i++) Assert.True(a[i].Y > a[i - 1].Y);
        // B's safety stock (5) is a flat line above A's (2).
        Assert.True(Points(lines["B safety"]).All(p => p.Y < Points(lines["A safety"])[0].Y));
    }

    [Fact]
    public void ScatterHasOneCirclePerPlan()
    {
        var svg = XDocument.Parse(SvgChart.Scatter("t", "x", "y", [new ChartPoint("placed", 1, 5), new ChartPoint("base", 2, 3)]));
        var circles = svg.Descendants(Svg + "circle").ToList();
        Assert.Equal(["placed", "base"], circles.Select(c => (string)c.Attribute("data-label")!));
        // Higher value, higher on the page (smaller y); more cost, further right.
        Assert.True((double)circles[0].Attribute("cy")! < (double)circles[1].Attribute("cy")!);
        Assert.True((double)circles[0].Attribute("cx")! < (double)circles[1].Attribute("cx")!);
    }

    [Fact]
    public void SeriesOfTheWrongLengthIsRefused() =>
        Assert.Throws<ArgumentException>(() => SvgChart.Lines("t", "x", "y", [0, 1], [new ChartSeries("s", [1])]));

    private static List<(double X, double Y)> Points(XElement polyline) =>
        [.. ((string)polyline.Attribute("points")!).Split(' ').Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];
}
