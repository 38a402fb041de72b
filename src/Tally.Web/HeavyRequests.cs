using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Tally.Web;

/// <summary>
/// The requests that read much of the ledger or draw a chart (an uncached page of claims, timelines, the charts, the
/// dashboard's pages) run a few at a time: fewer than the ledger pool's stores, so that /healthz and the cheap reads (an
/// entry, a document) always find one free. A heavy request waits at most <see cref="Wait"/> in a short queue; when the
/// queue is full or the wait runs out it is answered 503 with Retry-After, and the server stays responsive.
/// </summary>
public sealed class HeavyRequests : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;

    public HeavyRequests(int permits, int queue, TimeSpan wait)
    {
        Permits = Math.Max(1, permits);
        Wait = wait;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = Permits,
            QueueLimit = Math.Max(0, queue),
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    public int Permits { get; }
    public TimeSpan Wait { get; }

    /// <summary>Seconds a client told 503 is asked to wait before trying again.</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>A permit, or null when none came within <see cref="Wait"/> (the caller answers <see cref="Busy"/>).</summary>
    public async ValueTask<RateLimitLease?> EnterAsync(CancellationToken cancel)
    {
        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(Wait);
        try
        {
            lease = await _limiter.AcquireAsync(1, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            return null;
        }
        if (lease.IsAcquired) return lease;
        lease.Dispose();
        return null;
    }

    /// <summary>The answer when no permit came: 503, Retry-After, a problem saying so.</summary>
    public static IResult Busy(HttpContext http)
    {
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Server busy",
            detail: $"too many heavy requests at once; try again in {RetryAfterSeconds} s");
    }

    /// <summary>An endpoint filter that runs the endpoint under a permit.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        var heavy = (HeavyRequests)http.RequestServices.GetService(typeof(HeavyRequests))!;
        using var lease = await heavy.EnterAsync(http.RequestAborted);
        if (lease is null) return Busy(http);
        return await next(ctx);
    }

    public void Dispose() => _limiter.Dispose();
}
