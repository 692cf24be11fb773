using System.CommandLine;
using Canopy.Messaging;
using Canopy.Planning.Nights;
using Canopy.Planning.Workers;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary><c>canopy worker --broker URI</c>: runs Monte Carlo nights for planners (docs/planning.md, "Workers").</summary>
internal static class WorkerCommand
{
    public static Option<string?> BrokerOption() => new("--broker")
    {
        Description = "Run the sampled nights on workers through this RabbitMQ broker (amqp://user:password@127.0.0.1:port/), or 'private' to start a private broker on 127.0.0.1 for this run",
    };

    public static Option<int> WorkersOption() => new("--workers")
    {
        Description = "Worker processes (canopy worker) to start on this machine for the run (0: use workers already running)",
        DefaultValueFactory = _ => 0,
    };

    public static Command Create()
    {
        var broker = new Option<string>("--broker") { Description = "amqp:// URI of the broker (127.0.0.1 only)", Required = true };
        var max = new Option<int?>("--max-jobs") { Description = "Stop after this many nights (default: run until stopped)" };
        var command = new Command("worker", "Run sampled nights (Monte Carlo jobs) from the broker's durable queue and publish their figures; a job is acknowledged only once its figures are published") { broker, max };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            if (!Uri.TryCreate(parse.GetValue(broker), UriKind.Absolute, out var uri))
            {
                console.MarkupLine("[red]--broker: not a URI[/]");
                return 1;
            }
            try
            {
                var worker = new NightWorker(new NightWorkerOptions(uri, parse.GetValue(max)));
                worker.JobStarted += job => console.WriteLine($"night {job.Id} (seed {job.Seed})");
                var done = await worker.RunAsync(cancellationToken);
                console.WriteLine($"{done} night(s) done");
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or RabbitMQ.Client.Exceptions.BrokerUnreachableException)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The executor for <c>--broker</c> (and <c>--workers</c>): a private broker and worker processes when asked, all stopped on dispose.</summary>
    public static RemoteNights? Connect(string broker, int workers, IAnsiConsole console)
    {
        PrivateBroker? own = null;
        Uri uri;
        if (broker == "private")
        {
            var folder = Path.Combine(Path.GetTempPath(), "canopy-plan-broker-" + Guid.NewGuid().ToString("N")[..8]);
            console.MarkupLine("Starting a private broker on 127.0.0.1 ...");
            try
            {
                own = PrivateBroker.StartAsync(folder).GetAwaiter().GetResult();
            }
            catch (InvalidOperationException e)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return null;
            }
            uri = own.AmqpUri;
        }
        else if (!Uri.TryCreate(broker, UriKind.Absolute, out uri!))
        {
            console.MarkupLine("[red]--broker: not a URI[/]");
            return null;
        }
        WorkerProcesses? processes = null;
        if (workers > 0)
        {
            var self = Environment.ProcessPath ?? "canopy";
            var prefix = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(WorkerCommand).Assembly.Location] : Array.Empty<string>();
            processes = new WorkerProcesses(self, prefix, uri, workers);
            console.MarkupLine($"Started {workers} worker process(es): {string.Join(", ", processes.Ids)}");
        }
        return new RemoteNights(new BrokerNightExecutor(uri), processes, own);
    }

    /// <summary>Runs nights on the broker; owns the worker processes and the private broker it started.</summary>
    internal sealed class RemoteNights(BrokerNightExecutor executor, WorkerProcesses? processes, PrivateBroker? broker) : INightExecutor, IDisposable
    {
        public IReadOnlyList<NightOutcome> Run(IReadOnlyList<NightJob> jobs, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
            executor.Run(jobs, progress, cancellationToken);

        public void Dispose()
        {
            processes?.Dispose();
            if (broker is not null)
            {
                var folder = broker.Folder;
                broker.DisposeAsync().AsTask().GetAwaiter().GetResult();
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // left for the system's temp cleaning
                }
            }
        }
    }
}
