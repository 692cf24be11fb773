using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Canopy.Interop.Cot;

/// <summary>
/// Listens for CoT datagrams (XML or TAK mesh protobuf) on a local endpoint and yields each as a
/// <see cref="CotInbound"/> with the sender's address; a malformed datagram becomes an error item and the listener keeps going.
/// </summary>
public sealed class UdpCotListener : IDisposable
{
    private readonly UdpClient _client;

    public UdpCotListener(IPEndPoint local)
    {
        _client = new UdpClient(local);
        _client.Client.ReceiveBufferSize = 1 << 20;
    }

    /// <summary>The bound endpoint (its port is the one chosen by the system when 0 was asked).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_client.Client.LocalEndPoint!;

    /// <summary>Datagrams the kernel dropped for this socket (receive buffer full), where readable; null otherwise.</summary>
    public long? KernelDrops => Canopy.Core.Feeds.UdpKernelDrops.Read(_client.Client);

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
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
            {
                continue; // an ICMP error for an earlier send, or a datagram larger than the buffer: take the next
            }
            yield return CotInbound.Parse(received.Buffer).From(received.RemoteEndPoint.Address);
        }
    }

    public void Dispose() => _client.Dispose();
}
