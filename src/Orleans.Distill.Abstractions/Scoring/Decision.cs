namespace Orleans.Distill.Scoring;

/// <summary>What a signup flow or an analyst does with a score (CONTRACT.md section 2).</summary>
public enum Decision : byte
{
    Allow = 0,
    Review = 1,
    Deny = 2,
}
