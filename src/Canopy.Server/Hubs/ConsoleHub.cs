using Canopy.Server.Live;
using Canopy.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Canopy.Server.Hubs;

/// <summary>
/// The live picture hub: a console calls Watch(runId) and then receives "picture" messages for that run. Connecting and
/// every method need a signed-in account (observer or higher); the request guard refuses other pages' origins.
/// </summary>
[Authorize(Policy = Roles.Observer)]
public sealed class ConsoleHub : Hub
{
    public const string Path = "/hub";
    public const string PictureMethod = "picture";

    public Task Watch(string runId) => Groups.AddToGroupAsync(Context.ConnectionId, runId);

    public Task Unwatch(string runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, runId);
}

/// <summary>Publishes each run's pictures to the hub group of that run.</summary>
public sealed class HubPicturePublisher(IHubContext<ConsoleHub> hub) : IPicturePublisher
{
    public Task PublishAsync(LivePicture picture, CancellationToken cancellationToken) =>
        hub.Clients.Group(picture.RunId).SendAsync(ConsoleHub.PictureMethod, picture, cancellationToken);
}
