using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Canopy.Interop.Cot;

/// <summary>
/// Listens for CoT datagrams (XML or TAK mesh protobuf) on a local endpoint and yields each as a
/// <see cref="CotInbound"/>; a malformed datagram becomes an error item and the listener keeps going.
/// </summary>
public sealed class UdpCotListener : IDisposable
{
    private readonly UdpClient _client;

    public UdpCotListener(IPEndPoint local)
    {
        _client = new UdpClient(local);
    }

    /// <summary>The bound endpoint (its port is the one chosen by the system when 0 was asked).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_client.Client.LocalEndPoint!;

    public async IAsyncEnumerable<CotInbound> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _client.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            yield return CotInbound.Parse(received.Buffer);
        }
    }

    public void Dispose() => _client.Dispose();
}
