using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Justice.Portal.Proxy;

/// <summary>
/// A node whose process has stopped refuses the connection before the health checks have noticed it; YARP alone would
/// answer that request 502. Nothing of the request reached the node, so it goes once more, to the cluster's other
/// available nodes, and the refusing node is taken out (passive health) for the cluster's reactivation period. Session
/// affinity then redistributes the browser and its cookie names the new node. Any other failure (a node that answered,
/// even in part) is left as YARP reports it: a retry could run something twice.
/// </summary>
public sealed class NodeFailover(RequestDelegate next, IDestinationHealthUpdater health)
{
    static readonly TimeSpan DefaultReactivation = TimeSpan.FromMinutes(1);

    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var cluster = context.GetRouteModel().Cluster!;
        // The request as it came: the affinity found on the way is forgotten, so that the new node's cookie is set.
        var items = new Dictionary<object, object?>(context.Items);
        var refused = new List<DestinationState>();
        while (true)
        {
            await next(context);
            if (!Refused(context) || proxy.ProxiedDestination is not { } node)
                return;
            refused.Add(node);
            var passive = proxy.Cluster.Config.HealthCheck?.Passive;
            if (passive?.Enabled == true)
                health.SetPassive(cluster, node, DestinationHealth.Unhealthy, passive.ReactivationPeriod ?? DefaultReactivation);
            var others = cluster.DestinationsState.AvailableDestinations.Except(refused).ToList();
            if (others.Count == 0)
                return;
            context.Response.Clear();
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Items = new Dictionary<object, object?>(items);
            proxy.AvailableDestinations = others;
            proxy.ProxiedDestination = null;
        }
    }

    /// <summary>The node refused the connection: nothing was sent to it, and the client has been sent nothing yet.</summary>
    static bool Refused(HttpContext context) =>
        context.Features.Get<IForwarderErrorFeature>() is { Error: ForwarderError.Request, Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } }
        && !context.Response.HasStarted
        && !context.RequestAborted.IsCancellationRequested;
}
