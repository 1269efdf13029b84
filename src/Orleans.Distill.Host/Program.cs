using Orleans.Distill.Host.Hosting;

// `health URL`: the container health check, from the image itself (it has no curl).
return args is ["health", var url]
    ? await HealthProbe.RunAsync(url)
    : await DistillHost.RunAsync(args);
