using System.Collections.Concurrent;
using System.Globalization;
using Canopy.Planning.Nights;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Canopy.Planning.Workers;

/// <summary>
/// Runs night jobs on workers through the broker: publishes every job (persistent, on the durable job queue, reply-to a
/// result queue of its own), then collects results until every job id has one. A result for a job already counted (a
/// job that ran twice because its worker died after publishing and before acknowledging) is dropped, so nothing is
/// counted twice. Bounded in time: waits at most <see cref="Timeout"/> for the whole batch.
/// </summary>
public sealed class BrokerNightExecutor(Uri broker) : INightExecutor
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Results received for a job already counted (dropped).</summary>
    public int Duplicates { get; private set; }

    public IReadOnlyList<NightOutcome> Run(IReadOnlyList<NightJob> jobs, IProgress<int>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(jobs, progress, cancellationToken).GetAwaiter().GetResult();

    public async Task<IReadOnlyList<NightOutcome>> RunAsync(IReadOnlyList<NightJob> jobs, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        new NightWorkerOptions(broker).Validate();
        var wanted = jobs.Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        if (wanted.Count != jobs.Count) throw new ArgumentException("job ids must be unique", nameof(jobs));
        var factory = new ConnectionFactory { Uri = broker, ClientProvidedName = "canopy-planner" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(NightQueue.JobQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        var results = await channel.QueueDeclareAsync("canopy.plan.results." + Guid.NewGuid().ToString("N"), durable: false, exclusive: true, autoDelete: true,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var outcomes = new ConcurrentDictionary<string, NightOutcome>(StringComparer.Ordinal);
        var failures = new ConcurrentQueue<string>();
        var complete = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            if (NightQueue.DecodeResult(delivery.Body.Span) is { } r && r.JobId is { } id && wanted.Contains(id))
            {
                if (r.Outcome is { } outcome)
                {
                    if (outcomes.TryAdd(id, outcome)) progress?.Report(outcomes.Count);
                    else Duplicates++;
                }
                else failures.Enqueue($"{id}: {r.Error}");
                if (outcomes.Count + failures.Count >= wanted.Count) complete.TrySetResult();
            }
            await channel.BasicAckAsync(delivery.DeliveryTag, false, cancellationToken).ConfigureAwait(false);
        };
        await channel.BasicConsumeAsync(results.QueueName, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
        foreach (var job in jobs)
            await channel.BasicPublishAsync("", NightQueue.JobQueue, false,
                new BasicProperties { Persistent = true, ReplyTo = results.QueueName, CorrelationId = job.Id }, NightQueue.Encode(job), cancellationToken).ConfigureAwait(false);
        var finished = await Task.WhenAny(complete.Task, Task.Delay(Timeout, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (finished != complete.Task)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"only {outcomes.Count} of {jobs.Count} nights came back from the workers within {Timeout}; are workers running (canopy worker --broker ...)?"));
        if (!failures.IsEmpty) throw new InvalidOperationException($"workers could not run {failures.Count} night(s): {string.Join("; ", failures.Take(3))}");
        return [.. jobs.Select(j => outcomes[j.Id])];
    }
}
