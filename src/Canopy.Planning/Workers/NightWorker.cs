using Canopy.Planning.Nights;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Canopy.Planning.Workers;

/// <summary>How a <see cref="NightWorker"/> runs.</summary>
/// <param name="Broker">amqp:// URI of the broker (loopback only).</param>
/// <param name="MaxJobs">Stop after this many jobs (null: until cancelled).</param>
public sealed record NightWorkerOptions(Uri Broker, int? MaxJobs = null)
{
    public void Validate()
    {
        if (Broker.Scheme != "amqp") throw new ArgumentException($"the broker URI must be amqp://, got {Broker.Scheme}://");
        if (!Broker.IsLoopback) throw new ArgumentException($"the broker must be on this machine (127.0.0.1 or localhost), got {Broker.Host}");
        if (MaxJobs is < 1) throw new ArgumentException("max jobs must be at least 1");
    }
}

/// <summary>
/// Consumes night jobs from <see cref="NightQueue.JobQueue"/> one at a time (prefetch 1, manual acknowledgement), runs
/// each, publishes its figures to the job's reply-to queue, and only then acknowledges it. A worker killed before the
/// acknowledgement leaves the job unacknowledged, and the broker hands it to another worker when the connection drops;
/// a job that ran twice publishes twice, and the planner counts it once (by job id).
/// </summary>
public sealed class NightWorker(NightWorkerOptions options)
{
    /// <summary>Called when a job starts (tests use it to kill a worker mid-run).</summary>
    public event Action<NightJob>? JobStarted;

    /// <summary>Runs until cancelled or <see cref="NightWorkerOptions.MaxJobs"/> jobs are done; returns the jobs done.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        var factory = new ConnectionFactory { Uri = options.Broker, ClientProvidedName = "canopy-worker" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueDeclareAsync(NightQueue.JobQueue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.BasicQosAsync(0, 1, false, cancellationToken).ConfigureAwait(false);
        var done = 0;
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var job = NightQueue.DecodeJob(delivery.Body.Span);
            byte[] reply;
            if (job is null)
                reply = NightQueue.EncodeFailure(delivery.BasicProperties.CorrelationId ?? "?", "unreadable job");
            else
            {
                JobStarted?.Invoke(job);
                try
                {
                    // The night is CPU-bound: off the consumer's dispatch thread, cancelled with the worker.
                    var outcome = await Task.Run(() => job.Execute(cancellationToken), cancellationToken).ConfigureAwait(false);
                    reply = NightQueue.Encode(outcome);
                }
                catch (InvalidOperationException e)
                {
                    reply = NightQueue.EncodeFailure(job.Id, e.Message);
                }
            }
            if (delivery.BasicProperties.ReplyTo is { Length: > 0 } replyTo)
                await channel.BasicPublishAsync("", replyTo, false, new BasicProperties { Persistent = true, CorrelationId = job?.Id }, reply, cancellationToken).ConfigureAwait(false);
            await channel.BasicAckAsync(delivery.DeliveryTag, false, cancellationToken).ConfigureAwait(false);
            if (options.MaxJobs is { } max && Interlocked.Increment(ref done) >= max) finished.TrySetResult();
        };
        await channel.BasicConsumeAsync(NightQueue.JobQueue, autoAck: false, consumer, cancellationToken).ConfigureAwait(false);
        using (cancellationToken.Register(() => finished.TrySetCanceled(cancellationToken)))
        {
            try
            {
                await finished.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopped: the job in hand (if any) is not acknowledged and goes back to the queue
            }
        }
        return done;
    }
}
