using System.Globalization;
using System.Xml.Linq;

namespace Canopy.Planning.Charts;

/// <summary>One plotted line: a name, one value per x, drawn dashed or solid.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values, bool Dashed = false);

/// <summary>One labelled point of a scatter chart.</summary>
public sealed record ChartPoint(string Label, double X, double Y);

/// <summary>
/// A small SVG writer for the planning charts: a line chart (one <c>polyline</c> per series, <c>data-series</c> naming it,
/// one point per value) and a scatter chart (one <c>circle</c> per point, <c>data-label</c> naming it), with axes, ticks
/// and a legend. Plain SVG 1.1, no scripts or external resources.
/// </summary>
public static class SvgChart
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private const double Width = 720, Height = 420, Left = 70, Right = 170, Top = 40, Bottom = 50;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<double> x, IReadOnlyList<ChartSeries> series)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(series);
        if (series.Any(s => s.Values.Count != x.Count)) throw new ArgumentException("every series needs one value per x", nameof(series));
        var ys = series.SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(0).ToList();
        var (frame, mapX, mapY) = Frame(title, xLabel, yLabel, x.DefaultIfEmpty(0).Min(), x.DefaultIfEmpty(1).Max(), Math.Min(0, ys.Min()), ys.Max());
        for (var k = 0; k < series.Count; k++)
        {
            var colour = Colours[k % Colours.Length];
            var points = string.Join(' ', x.Select((xv, i) => $"{N(mapX(xv))},{N(mapY(series[k].Values[i]))}"));
            var line = new XElement(Svg + "polyline", new XAttribute("data-series", series[k].Name), new XAttribute("points", points),
                new XAttribute("fill", "none"), new XAttribute("stroke", colour), new XAttribute("stroke-width", "2"));
            if (series[k].Dashed) line.Add(new XAttribute("stroke-dasharray", "6 4"));
            frame.Add(line);
            Legend(frame, k, series[k].Name, colour, series[k].Dashed);
        }
        return Document(frame);
    }

    public static string Scatter(string title, string xLabel, string yLabel, IReadOnlyList<ChartPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var xs = points.Select(p => p.X).DefaultIfEmpty(0).ToList();
        var ys = points.Select(p => p.Y).DefaultIfEmpty(0).ToList();
        var (frame, mapX, mapY) = Frame(title, xLabel, yLabel, Math.Min(0, xs.Min()), xs.Max(), Math.Min(0, ys.Min()), ys.Max());
        for (var k = 0; k < points.Count; k++)
        {
            var colour = Colours[k % Colours.Length];
            frame.Add(new XElement(Svg + "circle", new XAttribute("data-label", points[k].Label), new XAttribute("cx", N(mapX(points[k].X))),
                new XAttribute("cy", N(mapY(points[k].Y))), new XAttribute("r", "6"), new XAttribute("fill", colour)));
            frame.Add(new XElement(Svg + "text", new XAttribute("x", N(mapX(points[k].X) + 9)), new XAttribute("y", N(mapY(points[k].Y) - 6)),
                new XAttribute("font-size", "11"), points[k].Label));
        }
        return Document(frame);
    }

    private static (XElement Frame, Func<double, double> X, Func<double, double> Y) Frame(string title, string xLabel, string yLabel,
        double x0, double x1, double y0, double y1)
    {
        if (!(x1 > x0)) x1 = x0 + 1;
        if (!(y1 > y0)) y1 = y0 + 1;
        y1 = Nice(y1);
        var (w, h) = (Width - Left - Right, Height - Top - Bottom);
        double MapX(double v) => Left + (v - x0) / (x1 - x0) * w;
        double MapY(double v) => Top + h - (v - y0) / (y1 - y0) * h;
        var g = new XElement(Svg + "g", new XAttribute("font-family", "sans-serif"));
        g.Add(new XElement(Svg + "text", new XAttribute("x", N(Left)), new XAttribute("y", "22"), new XAttribute("font-size", "15"), title));
        g.Add(new XElement(Svg + "line", new XAttribute("x1", N(Left)), new XAttribute("y1", N(Top + h)), new XAttribute("x2", N(Left + w)), new XAttribute("y2", N(Top + h)), new XAttribute("stroke", "black")));
        g.Add(new XElement(Svg + "line", new XAttribute("x1", N(Left)), new XAttribute("y1", N(Top)), new XAttribute("x2", N(Left)), new XAttribute("y2", N(Top + h)), new XAttribute("stroke", "black")));
        for (var i = 0; i <= 5; i++)
        {
            var (xv, yv) = (x0 + (x1 - x0) * i / 5, y0 + (y1 - y0) * i / 5);
            g.Add(new XElement(Svg + "text", new XAttribute("x", N(MapX(xv))), new XAttribute("y", N(Top + h + 16)), new XAttribute("font-size", "11"), new XAttribute("text-anchor", "middle"), Label(xv)));
            g.Add(new XElement(Svg + "text", new XAttribute("x", N(Left - 6)), new XAttribute("y", N(MapY(yv) + 4)), new XAttribute("font-size", "11"), new XAttribute("text-anchor", "end"), Label(yv)));
            g.Add(new XElement(Svg + "line", new XAttribute("x1", N(Left)), new XAttribute("y1", N(MapY(yv))), new XAttribute("x2", N(Left + w)), new XAttribute("y2", N(MapY(yv))), new XAttribute("stroke", "#ddd")));
        }
        g.Add(new XElement(Svg + "text", new XAttribute("x", N(Left + w / 2)), new XAttribute("y", N(Height - 10)), new XAttribute("font-size", "12"), new XAttribute("text-anchor", "middle"), xLabel));
        g.Add(new XElement(Svg + "text", new XAttribute("x", "14"), new XAttribute("y", N(Top + h / 2)), new XAttribute("font-size", "12"),
            new XAttribute("transform", $"rotate(-90 14 {N(Top + h / 2)})"), new XAttribute("text-anchor", "middle"), yLabel));
        return (g, MapX, MapY);
    }

    private static void Legend(XElement frame, int k, string name, string colour, bool dashed)
    {
        var y = Top + 10 + 18 * k;
        var line = new XElement(Svg + "line", new XAttribute("x1", N(Width - Right + 10)), new XAttribute("y1", N(y)), new XAttribute("x2", N(Width - Right + 35)),
            new XAttribute("y2", N(y)), new XAttribute("stroke", colour), new XAttribute("stroke-width", "2"));
        if (dashed) line.Add(new XAttribute("stroke-dasharray", "6 4"));
        frame.Add(line);
        frame.Add(new XElement(Svg + "text", new XAttribute("x", N(Width - Right + 40)), new XAttribute("y", N(y + 4)), new XAttribute("font-size", "11"), name));
    }

    private static string Document(XElement frame) =>
        new XDocument(new XElement(Svg + "svg", new XAttribute("width", N(Width)), new XAttribute("height", N(Height)),
            new XAttribute("viewBox", $"0 0 {N(Width)} {N(Height)}"), new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")), frame))
            .ToString();

    private static double Nice(double v)
    {
        var p = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (var m in new[] { 1, 2, 2.5, 5, 10 })
            if (m * p >= v) return m * p;
        return 10 * p;
    }

    private static string Label(double v) => Math.Abs(v) >= 1e6 ? (v / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M"
        : Math.Abs(v) >= 1e4 ? (v / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k" : v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string N(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
