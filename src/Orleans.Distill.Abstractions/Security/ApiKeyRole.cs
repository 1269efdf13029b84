namespace Orleans.Distill.Security;

/// <summary>What a key may do. Each role is one kind of caller; a person's key is analyst or admin.</summary>
public enum ApiKeyRole
{
    /// <summary>Posts events: an event pipeline.</summary>
    Ingest,

    /// <summary>Calls the risk checks: a signup flow or key issuance.</summary>
    Risk,

    /// <summary>Reads everything and acts (labels, clears, benign marks): a fraud analyst.</summary>
    Analyst,

    /// <summary>All of the above, the dashboard and the audit log.</summary>
    Admin,
}

public static class ApiKeyRoles
{
    public static string Name(this ApiKeyRole role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out ApiKeyRole role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(text, out _);
}
