using System.Net;
using System.Net.Sockets;

namespace Canopy.Interop.Cot;

/// <summary>
/// A TCP stream to a TAK server: XML events one after another, or TAK stream frames (0xBF + varint length + TakMessage).
/// Connects on construction.
/// </summary>
public sealed class TcpStreamCotSender : ICotSender
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly CotEncoding _encoding;

    public TcpStreamCotSender(IPEndPoint server, CotEncoding encoding)
    {
        _client = new TcpClient(server.AddressFamily);
        _client.Connect(server);
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
