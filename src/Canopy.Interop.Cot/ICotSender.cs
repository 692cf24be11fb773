namespace Canopy.Interop.Cot;

/// <summary>How events are written on the wire.</summary>
public enum CotEncoding { Xml, TakProtobuf }

/// <summary>Sends CoT events to one endpoint.</summary>
public interface ICotSender : IDisposable
{
    void Send(CotEvent e);
}

/// <summary>Opens the sender for an endpoint: <see cref="UdpCotSender"/> or <see cref="TcpStreamCotSender"/>.</summary>
public static class CotSenders
{
    public static ICotSender Open(CotEndpoint endpoint, CotEncoding encoding) => endpoint.Transport == CotTransport.Udp
        ? new UdpCotSender(endpoint.EndPoint, encoding)
        : new TcpStreamCotSender(endpoint.EndPoint, encoding);
}
