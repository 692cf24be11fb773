namespace Canopy.Server.Live;

/// <summary>Where live pictures go (the SignalR hub in the server).</summary>
public interface IPicturePublisher
{
    Task PublishAsync(LivePicture picture, CancellationToken cancellationToken);
}
