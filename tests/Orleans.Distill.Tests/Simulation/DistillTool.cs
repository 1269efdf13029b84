using Orleans.Distill.Cli;

namespace Orleans.Distill.Tests.Simulation;

/// <summary>Runs the tool's own command line in-process, capturing what it writes to standard error.</summary>
public static class DistillTool
{
    /// <remarks>Redirects the process's standard error: callers belong to <see cref="ConsoleCollection"/>.</remarks>
    public static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        var (exit, _, error) = await RunCapturingAsync(args);
        return (exit, error);
    }

    /// <remarks>Redirects the process's standard output and error: callers belong to <see cref="ConsoleCollection"/>.</remarks>
    public static async Task<(int Exit, string Output, string Error)> RunCapturingAsync(params string[] args)
    {
        var output = new StringWriter();
        var savedOut = Console.Out;
        Console.SetOut(output);
        try
        {
            var (exit, error) = await RunErrorOnlyAsync(args);
            return (exit, output.ToString(), error);
        }
        finally
        {
            Console.SetOut(savedOut);
        }
    }

    private static async Task<(int Exit, string Error)> RunErrorOnlyAsync(string[] args)
    {
        var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            return (await DistillCommands.Root().Parse(args).InvokeAsync(), error.ToString());
        }
        finally
        {
            Console.SetError(saved);
        }
    }
}
