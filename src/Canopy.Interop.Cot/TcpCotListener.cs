using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Canopy.Interop.Cot;

/// <summary>
/// Listens for CoT over TCP on a local endpoint (one connection at a time, as from a TAK server or a single client):
/// XML events or TAK stream frames, each yielded as a <see cref="CotInbound"/>. Bad bytes become error items with
/// their stream offset; the listener keeps reading.
/// </summary>
public sealed class TcpCotListener : IDisposable
{
    private readonly TcpListener _listener;

    public TcpCotListener(IPEndPoint local)
    {
        _listener = new TcpListener(local);
        _listener.Start();
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    public async IAsyncEnumerable<CotInbound> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var items = new List<CotInbound>();
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            using (client)
            {
                var stream = client.GetStream();
                var splitter = new CotStreamSplitter();
                while (true)
                {
                    int n;
                    try
                    {
                        n = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is OperationCanceledException or IOException)
                    {
                        break;
                    }
                    if (n == 0) break;
                    items.Clear();
                    splitter.Append(buffer.AsSpan(0, n), items);
                    foreach (var item in items) yield return item;
                }
            }
        }
    }

    public void Dispose() => _listener.Stop();
}
