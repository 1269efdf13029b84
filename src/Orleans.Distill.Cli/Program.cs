using Orleans.Distill.Cli;

return await DistillCommands.Root().Parse(args).InvokeAsync();
