namespace Orleans.Distill.Tests.Deployment;

/// <summary>The repository checkout the tests run from: the nearest folder above the test binaries holding Orleans.Distill.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    /// <summary>A path inside the repository, from '/'-separated parts relative to its root.</summary>
    public static string Combine(string relative) =>
        System.IO.Path.Combine([Path, .. relative.Split('/')]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Orleans.Distill.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Orleans.Distill.sln not found above " + AppContext.BaseDirectory);
    }
}
