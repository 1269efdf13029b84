using Orleans.Distill.Host.Hosting;

var app = DistillHost.Build(args);
await app.RunAsync();
