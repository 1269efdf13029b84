namespace Orleans.Distill;

public static class StorageNames
{
    /// <summary>The grain storage provider every Distill grain persists through (SQLite, memory or PostgreSQL).</summary>
    public const string Graph = "distill";
}
