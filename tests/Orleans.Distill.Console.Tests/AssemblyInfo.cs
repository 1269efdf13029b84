// Each test class starts a host and a browser; on a small machine they are run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
