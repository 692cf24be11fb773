using System.Net;
using System.Net.Sockets;
using Canopy.Interop.Cot;
using Canopy.Server.Api;
using Canopy.Server.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Canopy.Server.Tests;

/// <summary>GET /api/feeds: the live inputs' counters, as `serve --cot-in` registers its CoT feed.</summary>
public class FeedsApiTests
{
    [Fact]
    public async Task Feeds_CotFeedAfterGarbageAndASpoof_ListsItsCounters()
    {
        await using var host = await ApiHost.StartAsync();
        var scenario = new ScenarioCatalog(RepositoryRoot.Scenarios).Load("quiet-night", out var error) ?? throw new InvalidOperationException(error);
        await using var feed = new CotPositionFeed(CotTransport.Udp, new IPEndPoint(IPAddress.Loopback, 0), new EffectorPositionBoard(scenario.Effectors));
        host.Services.GetRequiredService<LiveFeeds>().Add("cot-in", feed.Counters, () => feed.KernelDrops, () => feed.Applied);
        using (var garbage = new UdpClient()) await garbage.SendAsync(new byte[] { 0xBF, 0x01, 0xBF, 0xFF }, feed.LocalEndPoint);
        var future = new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        using (var xml = new UdpCotSender(feed.LocalEndPoint, CotEncoding.Xml))
            xml.Send(new CotEvent("a-f-G-U-C", "MFG-1", future, future, future, "h-e", 51.02, 31.25, 150, 5, 10, CotDetail.Empty));
        for (var i = 0; i < 200 && feed.Received < 2; i++) await Task.Delay(25);

        var cot = Assert.Single((await host.GetAsync("/api/feeds")).EnumerateArray());

        Assert.Equal("cot-in", cot.GetProperty("name").GetString());
        Assert.Equal(2, cot.GetProperty("received").GetInt64());
        Assert.Equal(1, cot.GetProperty("malformed").GetInt64());
        Assert.Equal(1, cot.GetProperty("rejectedByTime").GetInt64());
        Assert.Equal(0, cot.GetProperty("applied").GetInt64());
        if (OperatingSystem.IsLinux()) Assert.Equal(0, cot.GetProperty("kernelDrops").GetInt64());
    }
}
