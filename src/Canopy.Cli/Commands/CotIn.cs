using Canopy.Interop.Cot;
using Canopy.Scenarios.Model;

namespace Canopy.Cli.Commands;

/// <summary>The `--cot-in ENDPOINT` option of `serve` and `listen`: a background CoT listener moving the scenario's fire units.</summary>
internal sealed class CotIn : IDisposable
{
    private CotIn(CotPositionFeed feed) => Feed = feed;

    public CotPositionFeed Feed { get; }

    /// <summary>The positions the pipeline reads at every step.</summary>
    public EffectorPositionBoard Board => Feed.Board;

    /// <summary>Starts the listener when an endpoint is given; false (with the reason on stderr) when it cannot.</summary>
    public static bool TryStart(string? endpoint, Scenario scenario, out CotIn? feed)
    {
        feed = null;
        if (endpoint is null) return true;
        if (CotEndpoint.TryParse(endpoint, out var error) is not { } parsed)
        {
            Console.Error.WriteLine($"--cot-in: {error}");
            return false;
        }
        try
        {
            feed = new CotIn(new CotPositionFeed(parsed.Transport, parsed.EndPoint, new EffectorPositionBoard(scenario.Effectors)));
            return true;
        }
        catch (System.Net.Sockets.SocketException e)
        {
            Console.Error.WriteLine($"--cot-in {endpoint}: {e.Message}");
            return false;
        }
    }

    public void Dispose() => Feed.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
