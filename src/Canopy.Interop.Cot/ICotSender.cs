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
    /// <param name="connectTimeout">For TCP, how long to wait for the server to accept; default <see cref="TcpStreamCotSender.DefaultConnectTimeout"/>.</param>
    public static ICotSender Open(CotEndpoint endpoint, CotEncoding encoding, TimeSpan? connectTimeout = null) => endpoint.Transport == CotTransport.Udp
        ? new UdpCotSender(endpoint.EndPoint, encoding)
        : new TcpStreamCotSender(endpoint.EndPoint, encoding, connectTimeout);
}
