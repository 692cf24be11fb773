namespace Canopy.Server.Approval;

/// <summary>How much the operator must do before a recommended engagement reaches the fire unit.</summary>
public enum ApprovalMode
{
    /// <summary>Every shot waits for the operator's approval.</summary>
    Manual,

    /// <summary>A recommendation fires on its own after a delay unless the operator vetoes it first.</summary>
    SemiAutomatic,

    /// <summary>Every recommendation fires at once; the decision is still logged.</summary>
    Automatic,
}

/// <summary>Names of the approval modes as the API and the command line spell them: manual, semi, auto.</summary>
public static class ApprovalModes
{
    public static string Name(ApprovalMode mode) => mode switch
    {
        ApprovalMode.Manual => "manual",
        ApprovalMode.SemiAutomatic => "semi",
        _ => "auto",
    };

    public static bool TryParse(string? text, out ApprovalMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "manual": mode = ApprovalMode.Manual; return true;
            case "semi" or "semi-automatic" or "semiautomatic": mode = ApprovalMode.SemiAutomatic; return true;
            case "auto" or "automatic": mode = ApprovalMode.Automatic; return true;
            default: mode = ApprovalMode.Manual; return false;
        }
    }
}
