using System.Globalization;
using ScottPlot;

namespace Tally.Ledger;

/// <summary>
/// Draws every source's estimates of a figure over time with ScottPlot: one stepped line per source, ranges as
/// shaded bands, open bounds ("at least 40") as upward triangles. SVG or PNG by the file's extension; no browser.
/// </summary>
public static class TimelinePlot
{
    public static void Save(IReadOnlyList<TimelineSeries> series, string title, string path, int width = 1000, int height = 560)
    {
        var plt = Render(series, title);
        var ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (ext == ".svg") plt.SaveSvg(path, width, height);
        else if (ext == ".png") plt.SavePng(path, width, height);
        else throw new ArgumentException($"plot file must end in .svg or .png: {path}");
    }

    /// <summary>The plot as SVG markup (for the web dashboard).</summary>
    public static string Svg(IReadOnlyList<TimelineSeries> series, string title, int width = 1000, int height = 560) =>
        Render(series, title).GetSvgXml(width, height);

    private static Plot Render(IReadOnlyList<TimelineSeries> series, string title)
    {
        var plt = new Plot();
        plt.Title(title);
        plt.YLabel("people");
        var palette = new ScottPlot.Palettes.Category10();
        int i = 0;
        bool any = false;
        foreach (var s in series)
        {
            var pts = s.Points.Where(p => p.Date is not null && (p.Low ?? p.High) is not null)
                .Select(p => (X: DateTime.ParseExact(p.Date!, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToOADate(), P: p)).OrderBy(t => t.X).ToList();
            if (pts.Count == 0) continue;
            any = true;
            var color = palette.GetColor(i++);
            var xs = pts.Select(t => t.X).ToArray();
            var ys = pts.Select(t => (double)(t.P.Low ?? t.P.High)!).ToArray();
            var line = plt.Add.Scatter(xs, ys);
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.Color = color;
            line.LineWidth = 2;
            line.MarkerSize = 7;
            var legend = PlainText(s.SourceText);
            line.LegendText = legend.Length > 60 ? legend[..57] + "..." : legend;
            // Ranges as bands between low and high.
            var ranged = pts.Where(t => t.P.Low is not null && t.P.High is not null && t.P.High > t.P.Low).ToList();
            foreach (var (x, p) in ranged)
            {
                var band = plt.Add.Rectangle(x - 0.4, x + 0.4, p.Low!.Value, p.High!.Value);
                band.FillStyle.Color = color.WithAlpha(0.25);
                band.LineStyle.Width = 0;
            }
            // Open lower bounds: an upward triangle at the bound.
            var open = pts.Where(t => t.P.Low is not null && t.P.High is null).ToList();
            if (open.Count > 0)
            {
                var m = plt.Add.Markers(open.Select(t => t.X).ToArray(), open.Select(t => (double)t.P.Low!.Value).ToArray(), MarkerShape.FilledTriangleUp, 11, color);
                m.LegendText = "";
            }
        }
        if (!any) plt.Add.Annotation("no dated estimates");
        plt.Axes.DateTimeTicksBottom();
        plt.ShowLegend(Alignment.UpperLeft);
        return plt;
    }

    /// <summary>
    /// Source names come from articles: only letters, digits, spaces and plain punctuation reach the drawing (the SVG is
    /// written by ScottPlot, served by the dashboard and saved by `tally timeline --plot`).
    /// </summary>
    internal static string PlainText(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        foreach (var ch in s) sb.Append(char.IsLetterOrDigit(ch) || ch is ' ' or '.' or ',' or '(' or ')' or '-' or '/' or ':' ? ch : ' ');
        return sb.ToString();
    }
}
