using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Canopy.Server.Security;

namespace Canopy.Server.Tests;

/// <summary>A battle manager decides for the fire units of the nations in their account only.</summary>
public class NationDecisionTests
{
    /// <summary>quiet-night with every fire unit marked UA and the scenario's default nation PL (assets and sensors).</summary>
    private static string TwoNationScenarioFolder(TempFolder folder)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Scenarios, "quiet-night.yaml"));
        text = text.Replace("name: quiet-night\n", "name: quiet-night\nnation: PL\n", StringComparison.Ordinal)
            .Replace("  - { id: ", "  - { nation: UA, id: ", StringComparison.Ordinal);
        var path = folder.File("quiet-night.yaml");
        File.WriteAllText(path, text);
        return Path.GetDirectoryName(path)!;
    }

    [Fact]
    public async Task BattleManagerOfNationA_CannotReleaseNationBsFireUnit_ButOfB_Can()
    {
        using var folder = new TempFolder();
        var scenarios = TwoNationScenarioFolder(folder);
        await using var host = await ApiHost.StartAsync(options: o => o with { ScenarioDirectory = scenarios });
        var run = await host.StartPausedRunAsync();
        var layout = await host.GetAsync($"/api/runs/{run}/layout");
        Assert.All(layout.GetProperty("effectors").EnumerateArray(), e => Assert.Equal("UA", e.GetProperty("nation").GetString()));
        Assert.All(layout.GetProperty("assets").EnumerateArray(), a => Assert.Equal("PL", a.GetProperty("nation").GetString()));
        var rec = await host.StepUntilRecommendationAsync(run);
        var id = rec.GetProperty("id").GetInt32();

        foreach (var verb in new[] { "approve", "veto" })
        {
            var refused = await host.ClientAs(Role.BattleManager, "PL").PostAsync($"/api/runs/{run}/recommendations/{id}/{verb}", null);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("is UA's", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        await host.StepAsync(run, 2);
        Assert.Empty((await host.GetAsync($"/api/runs/{run}/decisions")).EnumerateArray());
        Assert.Contains((await host.GetAsync($"/api/runs/{run}/recommendations")).EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);

        var approved = await host.ClientAs(Role.BattleManager, "PL", "UA").PostAsync($"/api/runs/{run}/recommendations/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var decision = Assert.Single((await host.GetAsync($"/api/runs/{run}/decisions")).EnumerateArray());
        Assert.Equal("battle-manager-PL-UA", decision.GetProperty("operator").GetString());
    }
}
