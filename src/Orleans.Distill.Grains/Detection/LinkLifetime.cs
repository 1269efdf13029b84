namespace Orleans.Distill.Detection;

/// <summary>How long links to one kind of entity stay evidence (<c>Distill:Detection:Lifetimes:{kind}</c>).</summary>
public sealed class LinkLifetime
{
    /// <summary>The kind's window; null takes <see cref="DetectionOptions.Window"/>. Zero keeps every link.</summary>
    public TimeSpan? Window { get; set; }

    /// <summary>
    /// The link stays evidence while its account is active: its age is counted from the later of its own last
    /// sighting and the account's last event. An entity of such a kind counts every account it links toward its
    /// hub threshold, since each stays evidence while its account is used.
    /// </summary>
    public bool WhileActive { get; set; }
}
