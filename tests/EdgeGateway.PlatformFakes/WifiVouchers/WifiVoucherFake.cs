using System.Globalization;
using EdgeGateway.PlatformFakes.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.PlatformFakes.WifiVouchers;

/// <summary>
/// The venue/voucher Wi-Fi platform of shared/seeds/002: `https://host/api` with the X-API-Key header;
/// GET /customers, /customer-visits, /venues, /vouchers (slug = team, per_page, page, start_date, end_date);
/// POST /vouchers form-encoded (slug, code, venue_id, number_of_days, upspeed, downspeed, volumecap,
/// max_devices); DELETE /vouchers/{id}. The seed shows no response bodies, so lists answer in the
/// Laravel paginator shape the API's style implies (data, current_page, last_page, per_page, total,
/// next_page_url, prev_page_url) and errors as {"message": ...} with 401/404/415/422.
/// </summary>
public sealed class WifiVoucherFake : FakePlatform
{
    public const int DefaultPerPage = 15;

    private readonly Lock _gate = new();
    private readonly List<WifiVenue> _venues = [];
    private readonly List<WifiVoucher> _vouchers = [];
    private readonly List<WifiCustomerVisit> _visits = [];
    private readonly TimeProvider _time;
    private long _nextId = 100;

    public WifiVoucherFake(string apiKey, TimeProvider? time = null)
    {
        ApiKey = apiKey;
        _time = time ?? TimeProvider.System;
    }

    public string ApiKey { get; }

    /// <summary>What a connector's BaseUrl is set to: `http://127.0.0.1:port/api/`.</summary>
    public Uri ApiUrl => new(BaseUrl, "api/");

    public WifiVenue AddVenue(string team, string name, string address = "1 High Street")
    {
        lock (_gate)
        {
            var venue = new WifiVenue(++_nextId, team, name, address);
            _venues.Add(venue);
            return venue;
        }
    }

    public void AddVisit(string team, long venueId, DateTimeOffset at, long customerId = 1)
    {
        lock (_gate)
        {
            _visits.Add(new WifiCustomerVisit(++_nextId, team, customerId, venueId, at));
        }
    }

    public IReadOnlyList<WifiVoucher> Vouchers()
    {
        lock (_gate)
        {
            return [.. _vouchers];
        }
    }

    /// <summary>Seeds a voucher as if created by someone else (staff at the till), e.g. with an old creation time.</summary>
    public WifiVoucher AddVoucher(string team, string code, long venueId, int days, DateTimeOffset createdAt)
    {
        lock (_gate)
        {
            var voucher = new WifiVoucher(++_nextId, team, code, venueId, days, 0, 0, 0, 0, createdAt);
            _vouchers.Add(voucher);
            return voucher;
        }
    }

    protected override void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Headers["X-API-Key"].ToString() == ApiKey
                ? await next(context)
                : Results.Json(new { message = "Unauthenticated." }, statusCode: StatusCodes.Status401Unauthorized));
        api.MapGet("/venues", (HttpRequest request) => List(request, team => _venues.Where(v => v.Team == team).Select(VenueJson), withDates: false));
        api.MapGet("/vouchers", (HttpRequest request) => List(request, team => _vouchers.Where(v => v.Team == team).Select(VoucherJson), withDates: false));
        api.MapGet("/customers", (HttpRequest request) => List(request, team => _visits.Where(v => v.Team == team)
            .GroupBy(v => v.CustomerId).Select(g => (object)new Dictionary<string, object?>
            {
                ["id"] = g.Key,
                ["first_visit"] = Stamp(g.Min(v => v.VisitedAt)),
                ["last_visit"] = Stamp(g.Max(v => v.VisitedAt)),
                ["visits"] = g.Count(),
            }), withDates: true));
        api.MapGet("/customer-visits", (HttpRequest request) => List(request, team => _visits.Where(v => v.Team == team).Select(VisitJson), withDates: true));
        api.MapPost("/vouchers", CreateVoucherAsync);
        api.MapDelete("/vouchers/{id:long}", (long id, HttpRequest request) =>
        {
            var team = request.Query["slug"].ToString();
            if (team.Length == 0)
            {
                return Unprocessable("slug", "The slug field is required.");
            }

            lock (_gate)
            {
                var index = _vouchers.FindIndex(v => v.Id == id && v.Team == team);
                if (index < 0)
                {
                    return Results.Json(new { message = $"Voucher {id} not found." }, statusCode: StatusCodes.Status404NotFound);
                }

                _vouchers.RemoveAt(index);
                return Results.Json(new { message = "Voucher deleted." });
            }
        });
    }

    private IResult List(HttpRequest request, Func<string, IEnumerable<object>> items, bool withDates)
    {
        var team = request.Query["slug"].ToString();
        if (team.Length == 0)
        {
            return Unprocessable("slug", "The slug field is required.");
        }

        if (FakePaging.PositiveInt(request, "per_page", DefaultPerPage) is not { } perPage || FakePaging.PositiveInt(request, "page", 1) is not { } page)
        {
            return Unprocessable("page", "per_page and page must be positive integers.");
        }

        DateTimeOffset? from = null, to = null;
        if (withDates && (!TryDate(request, "start_date", out from) || !TryDate(request, "end_date", out to)))
        {
            return Unprocessable("start_date", "start_date and end_date must be dates (YYYY-MM-DD).");
        }

        List<object> all;
        lock (_gate)
        {
            all = [.. items(team).Where(item => !withDates || InRange(item, from, to))];
        }

        var last = FakePaging.LastPage(all.Count, perPage);
        var data = all.Skip((page - 1) * perPage).Take(perPage).ToList();
        return Results.Json(new Dictionary<string, object?>
        {
            ["current_page"] = page,
            ["data"] = data,
            ["from"] = data.Count == 0 ? null : ((page - 1) * perPage) + 1,
            ["to"] = data.Count == 0 ? null : ((page - 1) * perPage) + data.Count,
            ["per_page"] = perPage,
            ["total"] = all.Count,
            ["last_page"] = last,
            ["first_page_url"] = FakePaging.PageUrl(request, "page", 1),
            ["last_page_url"] = FakePaging.PageUrl(request, "page", last),
            ["next_page_url"] = page < last ? FakePaging.PageUrl(request, "page", page + 1) : null,
            ["prev_page_url"] = page > 1 ? FakePaging.PageUrl(request, "page", page - 1) : null,
            ["path"] = $"{request.Scheme}://{request.Host}{request.Path}",
        });
    }

    private static bool InRange(object item, DateTimeOffset? from, DateTimeOffset? to)
    {
        var stamp = item is Dictionary<string, object?> d && (d.GetValueOrDefault("visited_at") ?? d.GetValueOrDefault("last_visit")) is string s
            ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture)
            : (DateTimeOffset?)null;
        return stamp is null || ((from is null || stamp >= from) && (to is null || stamp < to.Value.AddDays(1)));
    }

    private static bool TryDate(HttpRequest request, string name, out DateTimeOffset? value)
    {
        value = null;
        var raw = request.Query[name].ToString();
        if (raw.Length == 0)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        value = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return true;
    }

    private async Task<IResult> CreateVoucherAsync(HttpRequest request)
    {
        if (!request.HasFormContentType || !string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Json(new { message = "Content-Type must be application/x-www-form-urlencoded." }, statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        foreach (var required in (string[])["slug", "code", "venue_id", "number_of_days"])
        {
            if (form[required].ToString().Length == 0)
            {
                return Unprocessable(required, $"The {required} field is required.");
            }
        }

        var team = form["slug"].ToString();
        var code = form["code"].ToString();
        if (!long.TryParse(form["venue_id"], NumberStyles.None, CultureInfo.InvariantCulture, out var venueId))
        {
            return Unprocessable("venue_id", "The venue_id must be an integer.");
        }

        if (!int.TryParse(form["number_of_days"], NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1)
        {
            return Unprocessable("number_of_days", "The number_of_days must be at least 1.");
        }

        var limits = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var optional in (string[])["upspeed", "downspeed", "volumecap", "max_devices"])
        {
            var raw = form[optional].ToString();
            if (raw.Length == 0)
            {
                limits[optional] = 0;
            }
            else if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
            {
                limits[optional] = limit;
            }
            else
            {
                return Unprocessable(optional, $"The {optional} must be a non-negative integer (0 = unlimited).");
            }
        }

        lock (_gate)
        {
            if (!_venues.Any(v => v.Id == venueId && v.Team == team))
            {
                return Unprocessable("venue_id", "The selected venue_id is invalid.");
            }

            if (_vouchers.Any(v => v.Team == team && v.Code == code))
            {
                return Unprocessable("code", "The code has already been taken.");
            }

            var voucher = new WifiVoucher(++_nextId, team, code, venueId, days, limits["upspeed"], limits["downspeed"], limits["volumecap"], limits["max_devices"], _time.GetUtcNow());
            _vouchers.Add(voucher);
            return Results.Json(VoucherJson(voucher), statusCode: StatusCodes.Status201Created);
        }
    }

    private static IResult Unprocessable(string field, string message) =>
        Results.Json(new Dictionary<string, object> { ["message"] = message, ["errors"] = new Dictionary<string, string[]> { [field] = [message] } }, statusCode: StatusCodes.Status422UnprocessableEntity);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private static object VenueJson(WifiVenue v) => new Dictionary<string, object?> { ["id"] = v.Id, ["name"] = v.Name, ["address"] = v.Address };

    private static object VisitJson(WifiCustomerVisit v) => new Dictionary<string, object?>
    {
        ["id"] = v.Id,
        ["customer_id"] = v.CustomerId,
        ["venue_id"] = v.VenueId,
        ["visited_at"] = Stamp(v.VisitedAt),
    };

    private static object VoucherJson(WifiVoucher v) => new Dictionary<string, object?>
    {
        ["id"] = v.Id,
        ["code"] = v.Code,
        ["venue_id"] = v.VenueId,
        ["number_of_days"] = v.NumberOfDays,
        ["upspeed"] = v.Upspeed,
        ["downspeed"] = v.Downspeed,
        ["volumecap"] = v.Volumecap,
        ["max_devices"] = v.MaxDevices,
        ["created_at"] = Stamp(v.CreatedAt),
        ["expires_at"] = Stamp(v.ExpiresAt),
    };

    protected override string ErrorBody(int status) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = ReasonPhrases.GetReasonPhrase(status) });
}
