using Canopy.Federation.Coordination;
using Canopy.Federation.Fusion;

namespace Canopy.Federation.Tests.Coordination;

public class EngagementClaimBoardTests
{
    // One drone seen by Poland (track 12) and Ukraine (track 40): both nations name it by their own tracks' pairs.
    private static readonly TrackKey[] Drone = [new("PL", 12), new("UA", 40)];

    private static EngagementClaim Claim(string nation, string unit, double intercept, double cost = 100_000, bool salvo = false, double at = 0, TrackKey[]? target = null) =>
        new(nation, unit, target ?? Drone, intercept, cost, salvo, at);

    [Fact]
    public void Two_claims_on_one_target_give_one_owner_the_earlier_intercept()
    {
        var board = new EngagementClaimBoard();
        board.Publish(Claim("UA", "UA-NASAMS-LVIV", intercept: 130, target: [new("UA", 40)]));
        board.Publish(Claim("PL", "PL-NAREW-RZESZOW", intercept: 120, target: [new("PL", 12), new("UA", 40)]));
        var decisions = board.Decide(now: 1);
        Assert.Equal(ClaimStanding.Owner, decisions.Single(d => d.Claim.Nation == "PL").Standing);
        var ua = decisions.Single(d => d.Claim.Nation == "UA");
        Assert.Equal(ClaimStanding.Denied, ua.Standing);
        Assert.Equal("PL-NAREW-RZESZOW", ua.Owner!.FireUnit);
    }

    [Fact]
    public void Equal_intercept_times_go_to_the_cheaper_then_to_the_lower_nation_code()
    {
        var board = new EngagementClaimBoard();
        board.Publish(Claim("SK", "SK-GUN", 100, cost: 5_000));
        board.Publish(Claim("PL", "PL-PIORUN", 100, cost: 100_000));
        Assert.Equal("SK", board.Decide(0).Single(d => d.Standing == ClaimStanding.Owner).Claim.Nation);
        var tie = new EngagementClaimBoard();
        tie.Publish(Claim("UA", "UA-GEPARD", 100, cost: 5_000));
        tie.Publish(Claim("PL", "PL-PILICA", 100, cost: 5_000));
        Assert.Equal("PL", tie.Decide(0).Single(d => d.Standing == ClaimStanding.Owner).Claim.Nation);
    }

    [Fact]
    public void A_planned_salvo_lets_both_nations_engage()
    {
        var board = new EngagementClaimBoard();
        board.Publish(Claim("PL", "PL-PATRIOT-RZESZOW", 100, salvo: true));
        board.Publish(Claim("UA", "UA-PATRIOT-LVIV", 105, salvo: true));
        board.Publish(Claim("SK", "SK-SAMPT-KOSICE", 110));
        var d = board.Decide(0);
        Assert.Equal(ClaimStanding.Owner, d.Single(x => x.Claim.Nation == "PL").Standing);
        Assert.Equal(ClaimStanding.SalvoPartner, d.Single(x => x.Claim.Nation == "UA").Standing);
        Assert.Equal(ClaimStanding.Denied, d.Single(x => x.Claim.Nation == "SK").Standing);
    }

    [Fact]
    public void A_salvo_flag_alone_does_not_join_an_owner_that_planned_none()
    {
        var board = new EngagementClaimBoard();
        board.Publish(Claim("PL", "PL-NAREW", 100));
        Assert.Equal(ClaimStanding.Denied, board.Evaluate(Claim("UA", "UA-NASAMS", 105, salvo: true), now: 0));
    }

    [Fact]
    public void A_silent_owner_expires_and_the_other_nation_takes_the_target()
    {
        var board = new EngagementClaimBoard(new ClaimOptions { Expiry = 5 });
        board.Publish(Claim("PL", "PL-NAREW", 100, at: 0));
        board.Publish(Claim("UA", "UA-NASAMS", 110, at: 0));
        // Both heard at 4 s; PL then falls silent, UA keeps its heartbeat.
        board.Heard("PL", 4);
        board.Heard("UA", 4);
        board.Heard("UA", 9);
        Assert.Equal("PL", board.Decide(9).Single(d => d.Standing == ClaimStanding.Owner).Claim.Nation);   // 9 − 4 = 5: not past the expiry
        board.Heard("UA", 9.5);
        var later = board.Decide(9.5);
        Assert.Equal(ClaimStanding.Expired, later.Single(d => d.Claim.Nation == "PL").Standing);
        Assert.Equal(ClaimStanding.Owner, later.Single(d => d.Claim.Nation == "UA").Standing);
        // PL heard again: its claim, still held, owns the target once more.
        board.Heard("PL", 10);
        Assert.Equal("PL", board.Decide(10).Single(d => d.Standing == ClaimStanding.Owner).Claim.Nation);
    }

    [Fact]
    public void Claims_on_different_targets_do_not_compete_and_a_withdrawn_claim_frees_its_target()
    {
        var board = new EngagementClaimBoard();
        board.Publish(Claim("PL", "PL-NAREW", 100, target: [new("PL", 1)]));
        board.Publish(Claim("UA", "UA-NASAMS", 90, target: [new("UA", 2)]));
        Assert.All(board.Decide(0), d => Assert.Equal(ClaimStanding.Owner, d.Standing));
        board.Publish(Claim("SK", "SK-BARAK", 80, target: [new("PL", 1)]));
        Assert.Equal(ClaimStanding.Denied, board.Decide(0).Single(d => d.Claim.Nation == "PL").Standing);
        Assert.True(board.Withdraw("SK", "SK-BARAK"));
        Assert.Equal(ClaimStanding.Owner, board.Decide(0).Single(d => d.Claim.Nation == "PL").Standing);
    }

    [Fact]
    public void Every_node_decides_the_same_whatever_order_the_claims_arrive_in()
    {
        var claims = new[]
        {
            Claim("UA", "U1", 100, cost: 10), Claim("PL", "P1", 100, cost: 10), Claim("SK", "S1", 100, cost: 5),
            Claim("PL", "P2", 99, cost: 1_000, target: [new("UA", 40), new("SK", 3)]),
        };
        var a = new EngagementClaimBoard();
        var b = new EngagementClaimBoard();
        foreach (var c in claims) a.Publish(c);
        foreach (var c in claims.Reverse()) b.Publish(c);
        Assert.Equal(a.Decide(0).Select(d => (d.Claim.FireUnit, d.Standing)), b.Decide(0).Select(d => (d.Claim.FireUnit, d.Standing)));
        Assert.Equal("P2", a.Decide(0).Single(d => d.Standing == ClaimStanding.Owner).Claim.FireUnit);
    }
}
