using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Canopy.Federation.Node;

namespace Canopy.Federation.Hosting;

/// <summary>
/// A node's own console on 127.0.0.1: <c>/status</c> (JSON: link, mode, silent partners, trust counters, figures),
/// <c>/picture</c> (JSON: the fused picture with each track's contributing nations, the fire units, the claims) and
/// <c>/</c>, a page that shows both and refreshes itself every second.
/// </summary>
public sealed class NodeConsole : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    private readonly HttpListener _listener = new();
    private readonly NodeRunner _runner;
    private readonly Task _serving;

    public NodeConsole(NodeRunner runner, int port)
    {
        _runner = runner;
        Port = port;
        _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public Uri Address => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            try
            {
                var (type, body) = context.Request.Url?.AbsolutePath switch
                {
                    "/status" => ("application/json", JsonSerializer.Serialize(_runner.Status(), Json)),
                    "/picture" => ("application/json", JsonSerializer.Serialize(Picture(), Json)),
                    "/" => ("text/html; charset=utf-8", Page),
                    _ => ("text/plain", ""),
                };
                context.Response.StatusCode = body.Length == 0 ? 404 : 200;
                context.Response.ContentType = type;
                var bytes = Encoding.UTF8.GetBytes(body);
                await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // the browser went away
            }
        }
    }

    private object Picture()
    {
        var node = _runner.Node;
        return new
        {
            node.Nation,
            node.LastTick,
            node.Time,
            Tracks = node.Picture.Select(t => new
            {
                t.Id,
                Position = new[] { t.Position.X, t.Position.Y, t.Position.Z },
                Velocity = new[] { t.Velocity.X, t.Velocity.Y, t.Velocity.Z },
                Nations = node.Contributors(t.Id).Select(k => k.Nation).Distinct().ToList(),
            }).ToList(),
            Units = node.FireUnits.Select(u => new { u.Spec.Id, Class = u.Spec.Class.ToString(), u.RoundsLeft, u.ReadyAt }).ToList(),
            Claims = node.Claims.Select(c => new { c.Nation, c.FireUnit, Target = c.Target.Select(Wire.KeyText).ToList(), c.InterceptTime, c.Engaged }).ToList(),
        };
    }

    private const string Page = """
        <!doctype html><html><head><meta charset="utf-8"><title>Canopy node</title>
        <style>body{font:14px system-ui;margin:1em}pre{background:#f4f4f4;padding:.5em}</style></head>
        <body><h1 id="h">Canopy node</h1><pre id="s"></pre><h2>Fused picture</h2><pre id="p"></pre>
        <script>
        async function tick(){try{const s=await (await fetch('/status')).json();document.getElementById('h').textContent=
        'Canopy node '+s.nation+' - '+s.mode+(s.linkUp?'':' (broker link lost)');document.getElementById('s').textContent=JSON.stringify(s,null,1);
        const p=await (await fetch('/picture')).json();document.getElementById('p').textContent=p.tracks.length+' tracks\n'+
        p.tracks.slice(0,200).map(t=>t.id+' ['+t.nations.join('+')+'] '+t.position.map(v=>v.toFixed(0)).join(' ')).join('\n')+
        '\n\nunits\n'+p.units.map(u=>u.id+' '+u['class']+' rounds '+u.roundsLeft).join('\n')+
        '\n\nclaims\n'+p.claims.map(c=>c.nation+' '+c.fireUnit+' -> '+c.target.join(',')+(c.engaged?' fired':'')).join('\n');}
        catch(e){document.getElementById('h').textContent='Canopy node: not answering';}}
        tick();setInterval(tick,1000);
        </script></body></html>
        """;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // closed
        }
    }
}
