namespace Canopy.Planning.Supply;

/// <summary>One row of the sensitivity table: a variant of the plan and what its solve gave.</summary>
public sealed record SensitivityRow(string Variant, SupplyResult Result);

/// <summary>The plan solved again with the tempo at +25 % and +50 %, and with each partner's lines lost in turn.</summary>
public static class SupplySensitivity
{
    public static IReadOnlyList<SensitivityRow> Run(CbcSupplySolver solver, SupplyPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(plan);
        var variants = new List<(string, SupplyPlan)>
        {
            ("as planned", plan),
            ("tempo +25 %", plan with { TempoFactor = plan.TempoFactor * 1.25 }),
            ("tempo +50 %", plan with { TempoFactor = plan.TempoFactor * 1.5 }),
        };
        for (var p = 0; p < plan.Partners.Count; p++)
        {
            var lost = p;
            variants.Add(($"{plan.Partners[p].Nation} lines lost", plan with { Lines = [.. plan.Lines.Where(l => l.Partner != lost)] }));
        }
        return [.. variants.Select(v => new SensitivityRow(v.Item1, solver.Solve(v.Item2, cancellationToken)))];
    }
}
