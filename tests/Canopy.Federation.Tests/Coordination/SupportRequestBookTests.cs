using Canopy.Federation.Coordination;
using Canopy.Federation.Fusion;

namespace Canopy.Federation.Tests.Coordination;

public class SupportRequestBookTests
{
    private static readonly TrackKey[] Drone = [new("UA", 40)];

    private static SupportRequest Request(string id = "UA-1", double at = 0, double deadline = 30) =>
        new(id, From: "UA", To: "PL", Drone, at, deadline, "drone heading for Lviv, no unit in reach");

    [Fact]
    public void An_approved_request_lets_the_partner_engage()
    {
        var book = new SupportRequestBook();
        Assert.True(book.Request(Request()));
        Assert.Equal(SupportState.Pending, book.Get("UA-1", 5)!.State);
        Assert.False(book.MayEngageFor("PL", Drone, 5));
        Assert.Equal(SupportDecisionError.None, book.Approve("UA-1", new SupportDecider("PL", "kowalski"), 10));
        var r = book.Get("UA-1", 11)!;
        Assert.Equal(SupportState.Approved, r.State);
        Assert.Equal("kowalski (PL)", r.DecidedBy!.ToString());
        Assert.True(book.MayEngageFor("PL", [new("UA", 40), new("PL", 12)], 11));
        Assert.False(book.MayEngageFor("SK", Drone, 11));
    }

    [Fact]
    public void A_refused_request_lets_no_one_engage()
    {
        var book = new SupportRequestBook();
        book.Request(Request());
        Assert.Equal(SupportDecisionError.None, book.Refuse("UA-1", SupportDecider.Automatic("PL"), 3));
        Assert.Equal(SupportState.Refused, book.Get("UA-1", 4)!.State);
        Assert.False(book.MayEngageFor("PL", Drone, 4));
        Assert.Equal(SupportDecisionError.NotPending, book.Approve("UA-1", new SupportDecider("PL", "nowak"), 5));
        Assert.Equal(SupportState.Refused, book.Get("UA-1", 6)!.State);
    }

    [Fact]
    public void A_request_past_its_deadline_expires_and_can_no_longer_be_approved()
    {
        var book = new SupportRequestBook();
        book.Request(Request(deadline: 30));
        Assert.Equal(SupportState.Pending, book.Get("UA-1", 30)!.State);
        Assert.Equal(SupportDecisionError.DeadlinePassed, book.Approve("UA-1", new SupportDecider("PL", "kowalski"), 30.5));
        var r = book.Get("UA-1", 31)!;
        Assert.Equal(SupportState.Expired, r.State);
        Assert.Equal(30, r.DecidedAt);
        Assert.False(book.MayEngageFor("PL", Drone, 31));
    }

    [Fact]
    public void Only_the_addressed_nation_decides()
    {
        var book = new SupportRequestBook();
        book.Request(Request());
        Assert.Equal(SupportDecisionError.NotTheAddressee, book.Approve("UA-1", new SupportDecider("UA", "shevchenko"), 1));
        Assert.Equal(SupportDecisionError.NotTheAddressee, book.Approve("UA-1", SupportDecider.Automatic("SK"), 1));
        Assert.Equal(SupportState.Pending, book.Get("UA-1", 1)!.State);
        Assert.Equal(SupportDecisionError.UnknownRequest, book.Approve("UA-9", SupportDecider.Automatic("PL"), 1));
    }

    [Fact]
    public void Malformed_requests_are_not_filed()
    {
        var book = new SupportRequestBook();
        Assert.False(book.Request(Request() with { To = "UA" }));
        Assert.False(book.Request(Request(at: 10, deadline: 10)));
        Assert.True(book.Request(Request()));
        Assert.False(book.Request(Request()));
        Assert.Single(book.At(0));
    }
}
