using System.Globalization;
using System.Security.Cryptography;
using EdgeGateway.PlatformFakes.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.PlatformFakes.BeeLiked;

/// <summary>
/// BeeLiked (shared/seeds/004) under `https://api.beeliked.com/v1/`: POST authorize (client_id,
/// client_secret as form fields; a bearer token valid 300 s), then with `Authorization: Bearer`:
/// GET promotions (paginated: data, currentPage, lastPage, limit, total, from, to, *PageUrl),
/// GET promotions/:id (with its form), GET promotions/:id/entries, GET audience/members,
/// POST addons/entryLink (promotion_id required, uid, field_values[slug], secret_key) → {entry_url}.
/// 400 for missing parameters and a bad secret, 403 "Forbidden token" for an invalid or expired token.
/// </summary>
public sealed class BeeLikedFake : FakePlatform
{
    public const int TokenSeconds = 300;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _tokens = new(StringComparer.Ordinal);
    private readonly List<BeeLikedPromotion> _promotions = [];
    private readonly List<BeeLikedEntryLink> _links = [];
    private readonly TimeProvider _time;
    private int _authorizations;

    public BeeLikedFake(string clientId, string clientSecret, TimeProvider? time = null)
    {
        ClientId = clientId;
        ClientSecret = clientSecret;
        _time = time ?? TimeProvider.System;
    }

    public string ClientId { get; }

    public string ClientSecret { get; }

    /// <summary>What a connector's BaseUrl is set to: `http://127.0.0.1:port/v1/`.</summary>
    public Uri ApiUrl => new(BaseUrl, "v1/");

    /// <summary>Successful POST /authorize calls.</summary>
    public int Authorizations
    {
        get
        {
            lock (_gate)
            {
                return _authorizations;
            }
        }
    }

    public BeeLikedPromotion AddPromotion(string name, bool entryLinkEnabled = true, params string[] fieldSlugs)
    {
        lock (_gate)
        {
            var id = _promotions.Count + 1;
            var promotion = new BeeLikedPromotion(id, name, "live", $"https://promo.example/{id.ToString(CultureInfo.InvariantCulture)}-{Slug(name)}", entryLinkEnabled, fieldSlugs);
            _promotions.Add(promotion);
            return promotion;
        }
    }

    public IReadOnlyList<BeeLikedEntryLink> EntryLinks()
    {
        lock (_gate)
        {
            return [.. _links];
        }
    }

    /// <summary>Every token issued so far stops working at once, as if its 300 s had passed.</summary>
    public void ExpireTokens()
    {
        lock (_gate)
        {
            foreach (var token in _tokens.Keys.ToList())
            {
                _tokens[token] = DateTimeOffset.MinValue;
            }
        }
    }

    protected override void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/authorize", AuthorizeAsync);
        var api = app.MapGroup("/v1").AddEndpointFilter(async (context, next) => IsValid(context.HttpContext.Request)
            ? await next(context)
            : Results.Json(new { message = "Forbidden token" }, statusCode: StatusCodes.Status403Forbidden));
        api.MapGet("/promotions", (HttpRequest request) =>
        {
            lock (_gate)
            {
                return Paginated(request, _promotions.Select(p => (object)PromotionJson(p, withForm: false)).ToList());
            }
        });
        api.MapGet("/promotions/{id:long}", (long id) =>
        {
            lock (_gate)
            {
                return _promotions.FirstOrDefault(p => p.Id == id) is { } promotion
                    ? Results.Json(PromotionJson(promotion, withForm: true))
                    : Results.Json(new { message = "Promotion not found" }, statusCode: StatusCodes.Status404NotFound);
            }
        });
        api.MapGet("/promotions/{id:long}/entries", (long id, HttpRequest request) =>
        {
            lock (_gate)
            {
                // An entry exists once a link is used; the fake never sees a shopper, so the list stays empty.
                return _promotions.Any(p => p.Id == id)
                    ? Paginated(request, [])
                    : Results.Json(new { message = "Promotion not found" }, statusCode: StatusCodes.Status404NotFound);
            }
        });
        api.MapGet("/audience/members", (HttpRequest request) =>
        {
            lock (_gate)
            {
                var members = _links.Where(l => l.Uid is not null).Select(l => l.Uid!).Distinct(StringComparer.Ordinal)
                    .Select((uid, i) => (object)new Dictionary<string, object?> { ["id"] = i + 1, ["is_test"] = false, ["uid"] = uid, ["verified_at"] = null })
                    .ToList();
                return Paginated(request, members);
            }
        });
        api.MapPost("/addons/entryLink", EntryLinkAsync);
    }

    private async Task<IResult> AuthorizeAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return Results.Json(new { message = "Some parameters are missing: client_id, client_secret" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var id = form["client_id"].ToString();
        var secret = form["client_secret"].ToString();
        if (id.Length == 0 || secret.Length == 0)
        {
            return Results.Json(new { message = "Some parameters are missing: client_id, client_secret" }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (id != ClientId || secret != ClientSecret)
        {
            return Results.Json(new { message = "Invalid secret_key" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var token = "eyJ" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        lock (_gate)
        {
            _tokens[token] = _time.GetUtcNow().AddSeconds(TokenSeconds);
            _authorizations++;
        }

        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = token,
            ["expires_in"] = TokenSeconds,
            ["refresh_expires_in"] = 1800,
            ["refresh_token"] = "eyJr" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant(),
            ["token_type"] = "bearer",
            ["not-before-policy"] = 0,
            ["session_state"] = Guid.NewGuid().ToString(),
        });
    }

    private bool IsValid(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        lock (_gate)
        {
            return _tokens.TryGetValue(header["Bearer ".Length..].Trim(), out var expires) && _time.GetUtcNow() < expires;
        }
    }

    private async Task<IResult> EntryLinkAsync(HttpRequest request)
    {
        var form = request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted) : null;
        var raw = form?["promotion_id"].ToString() ?? request.Query["promotion_id"].ToString();
        if (string.IsNullOrEmpty(raw))
        {
            return Results.Json(new { message = "Some parameters are missing: promotion_id" }, statusCode: StatusCodes.Status400BadRequest);
        }

        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var promotionId))
        {
            return Results.Json(new { message = "promotion_id must be an integer" }, statusCode: StatusCodes.Status400BadRequest);
        }

        // field_values as an object in form encoding: field_values[slug]=value.
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (form is not null)
        {
            foreach (var (key, value) in form)
            {
                if (key.StartsWith("field_values[", StringComparison.Ordinal) && key.EndsWith(']'))
                {
                    fields[key["field_values[".Length..^1]] = value.ToString();
                }
            }
        }

        var uid = form?["uid"].ToString() is { Length: > 0 } u ? u : null;
        lock (_gate)
        {
            if (_promotions.FirstOrDefault(p => p.Id == promotionId) is not { } promotion)
            {
                return Results.Json(new { message = "Promotion not found" }, statusCode: StatusCodes.Status404NotFound);
            }

            if (!promotion.EntryLinkEnabled)
            {
                return Results.Json(new { message = "The EntryLink add-on is not enabled for this promotion" }, statusCode: StatusCodes.Status400BadRequest);
            }

            if (fields.Keys.FirstOrDefault(k => !promotion.FieldSlugs.Contains(k)) is { } unknown)
            {
                return Results.Json(new { message = $"Unknown form field '{unknown}'" }, statusCode: StatusCodes.Status400BadRequest);
            }

            // The seed's example: "<microsite_url>?signon?c=<32 hex>%2F<opaque>".
            var url = $"{promotion.MicrositeUrl}?signon?c={Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant()}%2F{Convert.ToHexString(RandomNumberGenerator.GetBytes(12))}";
            _links.Add(new BeeLikedEntryLink(url, promotionId, uid, fields, _time.GetUtcNow()));
            return Results.Json(new Dictionary<string, string> { ["entry_url"] = url });
        }
    }

    private static IResult Paginated(HttpRequest request, List<object> all)
    {
        if (FakePaging.PositiveInt(request, "limit", 50) is not { } limit || FakePaging.PositiveInt(request, "page", 1) is not { } page)
        {
            return Results.Json(new { message = "page and limit must be positive integers" }, statusCode: StatusCodes.Status400BadRequest);
        }

        var last = FakePaging.LastPage(all.Count, limit);
        var data = all.Skip((page - 1) * limit).Take(limit).ToList();
        return Results.Json(new Dictionary<string, object?>
        {
            ["data"] = data,
            ["currentPage"] = page,
            ["firstPageUrl"] = FakePaging.PageUrl(request, "page", 1),
            ["from"] = data.Count == 0 ? null : ((page - 1) * limit) + 1,
            ["lastPage"] = last,
            ["lastPageUrl"] = FakePaging.PageUrl(request, "page", last),
            ["nextPageUrl"] = page < last ? FakePaging.PageUrl(request, "page", page + 1) : null,
            ["path"] = "",
            ["limit"] = limit,
            ["prevPageUrl"] = page > 1 ? FakePaging.PageUrl(request, "page", page - 1) : null,
            ["to"] = data.Count == 0 ? null : ((page - 1) * limit) + data.Count,
            ["total"] = all.Count,
        });
    }

    private static Dictionary<string, object?> PromotionJson(BeeLikedPromotion p, bool withForm)
    {
        var json = new Dictionary<string, object?>
        {
            ["id"] = p.Id,
            ["name"] = p.Name,
            ["starts_at"] = "2026-11-01T09:00:00Z",
            ["ends_at"] = null,
            ["microsite_url"] = p.MicrositeUrl,
            ["status"] = p.Status,
            ["created_at"] = "2026-10-30T12:43:03Z",
            ["updated_at"] = "2026-11-01T09:00:00Z",
        };
        if (withForm)
        {
            json["form"] = new Dictionary<string, object?>
            {
                ["name"] = "Default form",
                ["created_at"] = "2026-10-30 12:43:03",
                ["updated_at"] = "2026-10-30 12:43:03",
                ["fields"] = p.FieldSlugs.Select((slug, i) => new Dictionary<string, object?>
                {
                    ["id"] = i + 1,
                    ["name"] = slug,
                    ["is_identifier_field"] = false,
                    ["is_uid_field"] = false,
                    ["is_optin"] = false,
                    ["type"] = "text",
                    ["slug"] = slug,
                    ["created_at"] = "2026-10-30 12:43:03",
                    ["updated_at"] = "2026-10-30 12:43:03",
                }).ToList(),
            };
        }

        return json;
    }

    private static string Slug(string name) => string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    protected override string ErrorBody(int status) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = ReasonPhrases.GetReasonPhrase(status) });
}
