using Canopy.Tracking.Association;

namespace Canopy.Tracking.Tests;

public class AssociationTests
{
    [Fact]
    public void Build_FindsTheConnectedComponentsOfAHandMadeGateGraph()
    {
        // Tracks 0-3, plots 0-4. Track 0 and 1 share plot 0, track 1 also gates plot 1; track 2 gates plot 3 and
        // track 3 gates plot 4 and plot 3: so {t0, t1, p0, p1} and {t2, t3, p3, p4}; plot 2 and no track alone.
        GateEdge[] edges = [new(0, 0, 1, 0), new(1, 0, 2, 0), new(1, 1, 3, 0), new(2, 3, 4, 0), new(3, 4, 5, 0), new(3, 3, 6, 0)];
        var clusters = new GateClusters();
        clusters.Build(4, 5, edges);
        Assert.Equal(2, clusters.Count);
        Assert.Equal([0, 1, 2], clusters.Edges(0).ToArray());
        Assert.Equal([3, 4, 5], clusters.Edges(1).ToArray());
    }

    [Fact]
    public void Build_SeparateTracksMakeSeparateClusters()
    {
        GateEdge[] edges = [new(0, 1, 1, 0), new(1, 0, 1, 0), new(2, 2, 1, 0)];
        var clusters = new GateClusters();
        clusters.Build(3, 3, edges);
        Assert.Equal(3, clusters.Count);
    }

    [Fact]
    public void Associate_GnnPicksTheGloballyOptimalPairingWhereGreedyFails()
    {
        // Greedy takes the closest pair A-1 (1) and is left with B-2 (10): 11. The optimum is A-2 + B-1 = 2 + 1.5 = 3.5.
        GateEdge[] edges = [new(0, 0, 1, 0), new(0, 1, 2, 0), new(1, 0, 1.5, 0), new(1, 1, 10, 0)];
        var weights = new double[4];
        new GnnWith2DAssignment(16.266).Associate(edges, [0, 1, 2, 3], weights);
        Assert.Equal([0.0, 1, 1, 0], weights);
    }

    [Fact]
    public void Associate_GnnLeavesTheTrackWithTheWorsePairUnassigned()
    {
        // One plot for two tracks: giving it to track 0 costs 1 + 16 (track 1 unpaired), to track 1 costs 3 + 16.
        GateEdge[] edges = [new(0, 0, 1, 0), new(1, 0, 3, 0)];
        var weights = new double[2];
        new GnnWith2DAssignment(16).Associate(edges, [0, 1], weights);
        Assert.Equal([1.0, 0], weights);
    }

    [Fact]
    public void Associate_JpdaOneTrackTwoPlotsMatchesTheTextbookFormula()
    {
        // Bar-Shalom and Li: β_i = e_i / (b + Σ e), e_i = exp(−d²_i/2), b = λ·(1 − PD)·√det(2πS) / PD (PG = 1).
        const double pd = 0.9, lambda = 1e-3, logDetS = 6.0;
        double d1 = 1.0, d2 = 4.0;
        GateEdge[] edges = [new(0, 0, d1, logDetS), new(0, 1, d2, logDetS)];
        var weights = new double[2];
        new JointProbabilisticAssociator(pd, lambda, 1000, 16).Associate(edges, [0, 1], weights);
        var b = lambda * (1 - pd) * Math.Sqrt(Math.Pow(2 * Math.PI, 3) * Math.Exp(logDetS)) / pd;
        double e1 = Math.Exp(-d1 / 2), e2 = Math.Exp(-d2 / 2);
        Assert.Equal(e1 / (b + e1 + e2), weights[0], 1e-12);
        Assert.Equal(e2 / (b + e1 + e2), weights[1], 1e-12);
        Assert.True(b / (b + e1 + e2) > 0.01); // the no-detection hypothesis carries weight here
    }

    [Fact]
    public void Associate_JpdaTwoTracksSharingAPlotSplitItByJointEvents()
    {
        // Two tracks, one plot, equal likelihood ratio r each: events {none}, {A}, {B} weigh 1, r, r.
        const double pd = 0.5, lambda = 1;
        GateEdge[] edges = [new(0, 0, 0, 0), new(1, 0, 0, 0)];
        var weights = new double[2];
        new JointProbabilisticAssociator(pd, lambda, 1000, 16).Associate(edges, [0, 1], weights);
        var r = pd * Math.Pow(2 * Math.PI, -1.5) / (lambda * (1 - pd));
        Assert.Equal(r / (1 + 2 * r), weights[0], 1e-12);
        Assert.Equal(r / (1 + 2 * r), weights[1], 1e-12);
    }

    [Fact]
    public void Associate_JpdaFallsBackToGnnWhenTheClusterIsTooLarge()
    {
        GateEdge[] edges = [new(0, 0, 1, 0), new(0, 1, 2, 0), new(1, 0, 1.5, 0), new(1, 1, 10, 0)];
        var weights = new double[4];
        new JointProbabilisticAssociator(0.9, 1e-6, 8, 16.266).Associate(edges, [0, 1, 2, 3], weights); // 3 x 3 = 9 events > 8
        Assert.Equal([0.0, 1, 1, 0], weights);
    }
}
