using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Canopy.Interop.Cot;

/// <summary>
/// A TCP stream to a TAK server: XML events one after another, or TAK stream frames (0xBF + varint length + TakMessage).
/// Connects on construction, giving up after a connect timeout of its own (a server that never answers the SYN would
/// otherwise hold the caller for the system's retries, about two minutes on Linux) with a <see cref="TimeoutException"/>
/// naming the endpoint.
/// </summary>
public sealed class TcpStreamCotSender : ICotSender
{
    /// <summary>The connect timeout when none is given.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly CotEncoding _encoding;

    /// <param name="connectTimeout">How long to wait for the server to accept the connection; default <see cref="DefaultConnectTimeout"/>.</param>
    /// <exception cref="TimeoutException">The server did not answer within <paramref name="connectTimeout"/>.</exception>
    /// <exception cref="SocketException">The connection was refused or the network is unreachable.</exception>
    public TcpStreamCotSender(IPEndPoint server, CotEncoding encoding, TimeSpan? connectTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var timeout = connectTimeout ?? DefaultConnectTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(connectTimeout));
        _client = new TcpClient(server.AddressFamily);
        try
        {
            using var expiry = new CancellationTokenSource(timeout);
            _client.ConnectAsync(server, expiry.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            _client.Dispose();
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"Connect to {server} timed out after {timeout.TotalSeconds:0.###} s (the server never answered)"));
        }
        catch
        {
            _client.Dispose();
            throw;
        }
        _stream = _client.GetStream();
        _encoding = encoding;
    }

    public void Send(CotEvent e) => _stream.Write(_encoding == CotEncoding.Xml ? CotXmlWriter.ToUtf8(e) : TakProtobuf.Stream(e));

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
