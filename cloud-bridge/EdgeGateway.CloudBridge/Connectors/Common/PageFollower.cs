using System.Runtime.CompilerServices;

namespace EdgeGateway.CloudBridge.Connectors.Common;

/// <summary>
/// Walks a paginated list to its end: fetches <c>first</c>, then each page's next link (resolved against
/// the page's own URL when relative) until there is none. A next link that was already visited or more
/// than <c>maxPages</c> pages are errors, so a misbehaving platform cannot keep the bridge looping.
/// </summary>
public static class PageFollower
{
    public static async IAsyncEnumerable<T> FollowAsync<T>(
        Uri first, Func<Uri, CancellationToken, Task<Page<T>>> fetch, int maxPages,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(fetch);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        Uri? next = first;
        for (var pages = 0; next is not null; pages++)
        {
            if (pages >= maxPages)
            {
                throw new InvalidDataException($"pagination did not end within {maxPages} pages (last link {next.GetLeftPart(UriPartial.Path)})");
            }

            if (!visited.Add(next.AbsoluteUri))
            {
                throw new InvalidDataException($"pagination loops: page {next.GetLeftPart(UriPartial.Path)} links back to an earlier page");
            }

            var page = await fetch(next, cancellationToken);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            next = page.Next is null ? null : page.Next.IsAbsoluteUri ? page.Next : new Uri(next, page.Next);
        }
    }
}
