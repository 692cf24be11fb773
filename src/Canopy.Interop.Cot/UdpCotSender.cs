using System.Net;
using System.Net.Sockets;

namespace Canopy.Interop.Cot;

/// <summary>One datagram per event: XML, or a TAK mesh message (0xBF 0x01 0xBF + TakMessage).</summary>
public sealed class UdpCotSender : ICotSender
{
    private readonly UdpClient _client;
    private readonly IPEndPoint _target;
    private readonly CotEncoding _encoding;

    public UdpCotSender(IPEndPoint target, CotEncoding encoding)
    {
        _client = new UdpClient(target.AddressFamily);
        _target = target;
        _encoding = encoding;
    }

    public void Send(CotEvent e)
    {
        var bytes = _encoding == CotEncoding.Xml ? CotXmlWriter.ToUtf8(e) : TakProtobuf.Mesh(e);
        _client.Send(bytes, bytes.Length, _target);
    }

    public void Dispose() => _client.Dispose();
}
