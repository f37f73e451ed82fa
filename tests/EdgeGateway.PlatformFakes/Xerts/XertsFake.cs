using System.Globalization;
using EdgeGateway.PlatformFakes.Common;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.PlatformFakes.Xerts;

/// <summary>
/// Xerts (shared/seeds/003), the client-action endpoints under `https://api.xerts.io/api/` with the
/// API-Key header: POST siteOffers/:siteId/device/:deviceId issues one coupon per live offer of the site
/// (creating the device), GET coupons for a device (all sites or one; both spellings the seed shows),
/// PUT coupons/sites/:siteId/activate/:code (and the .../devices/:deviceId/redeem/:code form), GET (or
/// POST, as the seed's curl does) sites/:siteId/coupons, POST / (status). Errors are the seed's bodies:
/// {"error":{"status":404,"message":"Didnt return anything."}} for an unknown site and "Coupon not found
/// honey. ..." for a code that does not exist or is already redeemed; 401 for a wrong API-Key.
/// </summary>
public sealed class XertsFake : FakePlatform
{
    public const string SiteNotFound = "Didnt return anything.";
    public const string CouponNotFound = "Coupon not found honey. Check if it's already been redeemed.";
    private const string CodeAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private readonly Lock _gate = new();
    private readonly List<XertsSite> _sites = [];
    private readonly List<XertsSiteOffer> _siteOffers = [];
    private readonly List<XertsCoupon> _coupons = [];
    private readonly HashSet<string> _devices = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _started;
    private int _codeCounter;

    public XertsFake(string apiKey, TimeProvider? time = null)
    {
        ApiKey = apiKey;
        _time = time ?? TimeProvider.System;
        _started = _time.GetUtcNow();
    }

    public string ApiKey { get; }

    /// <summary>What a connector's BaseUrl is set to: `http://127.0.0.1:port/api/`.</summary>
    public Uri ApiUrl => new(BaseUrl, "api/");

    public XertsSite AddSite(string title)
    {
        lock (_gate)
        {
            var site = new XertsSite(Guid.NewGuid().ToString(), title, "62776 Kerluke Ville", -35.4664, 102.2364, Guid.NewGuid().ToString());
            _sites.Add(site);
            return site;
        }
    }

    public XertsSiteOffer AddOffer(string siteId, string title, int instanceLimit = 1000, int couponExpiresAfterDays = 7, DateTimeOffset? instanceExpiresOn = null)
    {
        lock (_gate)
        {
            var offer = new XertsSiteOffer(Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), siteId, title, $"{title}: show this at the till", Guid.NewGuid().ToString(),
                instanceLimit, couponExpiresAfterDays, instanceExpiresOn);
            _siteOffers.Add(offer);
            return offer;
        }
    }

    public IReadOnlyList<XertsCoupon> Coupons()
    {
        lock (_gate)
        {
            return [.. _coupons.Select(c => c with { })];
        }
    }

    protected override void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(async (context, next) =>
            Unquoted(context.HttpContext.Request.Headers["API-Key"].ToString()) == ApiKey
                ? await next(context)
                : Error(StatusCodes.Status401Unauthorized, "Unauthorized - Your API key is wrong"));
        api.MapPost("/", () => Results.Json(new Dictionary<string, object>
        {
            ["started"] = Stamp(_started),
            ["uptime"] = Math.Round((_time.GetUtcNow() - _started).TotalSeconds, 3),
        }));
        api.MapPost("/siteOffers/{siteId}/device/{deviceId}", Issue);
        foreach (var pattern in (string[])["/coupons/site/{siteId}/device/{deviceId}", "/coupons/site/{siteId}/devices/{deviceId}",
                     "/coupons/sites/{siteId}/devices/{deviceId}"])
        {
            api.MapGet(pattern, (string siteId, string deviceId) => ForDevice(siteId, deviceId));
        }

        api.MapPut("/coupons/sites/{siteId}/activate/{code}", (string siteId, string code) => Activate(siteId, null, code));
        api.MapPut("/coupons/sites/{siteId}/devices/{deviceId}/redeem/{code}", (string siteId, string deviceId, string code) => Activate(siteId, deviceId, code));
        api.MapMethods("/sites/{siteId}/coupons", [HttpMethods.Get, HttpMethods.Post], (string siteId) => ForSite(siteId));
    }

    private IResult Issue(string siteId, string deviceId)
    {
        lock (_gate)
        {
            if (_sites.FirstOrDefault(s => s.Id == siteId) is not { } site)
            {
                return Error(StatusCodes.Status404NotFound, SiteNotFound);
            }

            _devices.Add(deviceId);
            var now = _time.GetUtcNow();
            var issued = new List<object>();
            foreach (var offer in _siteOffers.Where(o => o.SiteId == siteId && (o.InstanceExpiresOn is null || o.InstanceExpiresOn > now) && o.InstanceIssues < o.InstanceLimit))
            {
                offer.InstanceIssues++;
                var expires = now.AddDays(offer.CouponExpiresAfterDays);
                if (offer.InstanceExpiresOn is { } end && end < expires)
                {
                    expires = end;
                }

                var coupon = new XertsCoupon(Guid.NewGuid().ToString(), NextCode(), deviceId, offer.Id, now, expires);
                _coupons.Add(coupon);
                issued.Add(CouponJson(coupon, full: true, site));
            }

            return Results.Json(new Dictionary<string, object> { ["results"] = issued });
        }
    }

    private IResult ForDevice(string siteId, string deviceId)
    {
        lock (_gate)
        {
            if (siteId != "all" && !_sites.Any(s => s.Id == siteId))
            {
                return Error(StatusCodes.Status404NotFound, SiteNotFound);
            }

            var coupons = _coupons.Where(c => c.DeviceId == deviceId && (siteId == "all" || SiteOf(c)?.Id == siteId))
                .Select(c => CouponJson(c, full: true, SiteOf(c))).ToList();
            return Results.Json(new Dictionary<string, object> { ["results"] = coupons });
        }
    }

    private IResult ForSite(string siteId)
    {
        lock (_gate)
        {
            if (!_sites.Any(s => s.Id == siteId))
            {
                return Error(StatusCodes.Status404NotFound, SiteNotFound);
            }

            var coupons = _coupons.Where(c => SiteOf(c)?.Id == siteId).Select(c => CouponJson(c, full: false, null)).ToList();
            return Results.Json(new Dictionary<string, object> { ["results"] = coupons });
        }
    }

    private IResult Activate(string siteId, string? deviceId, string code)
    {
        lock (_gate)
        {
            var coupon = _coupons.FirstOrDefault(c => c.RedeemCode == code && c.RedeemedOn is null && SiteOf(c)?.Id == siteId && (deviceId is null || c.DeviceId == deviceId));
            if (coupon is null)
            {
                return Error(StatusCodes.Status404NotFound, CouponNotFound);
            }

            coupon.RedeemedOn = _time.GetUtcNow();
            coupon.UpdatedOn = coupon.RedeemedOn.Value;
            return Results.Json(new Dictionary<string, object>
            {
                ["results"] = new Dictionary<string, object?>
                {
                    ["id"] = coupon.Id,
                    ["redeemCode"] = coupon.RedeemCode,
                    ["redeemedOn"] = Stamp(coupon.RedeemedOn.Value),
                    ["deviceId"] = coupon.DeviceId,
                    ["siteOfferId"] = coupon.SiteOfferId,
                },
            });
        }
    }

    private XertsSite? SiteOf(XertsCoupon coupon)
    {
        var offer = _siteOffers.FirstOrDefault(o => o.Id == coupon.SiteOfferId);
        return offer is null ? null : _sites.FirstOrDefault(s => s.Id == offer.SiteId);
    }

    private Dictionary<string, object?> CouponJson(XertsCoupon coupon, bool full, XertsSite? site)
    {
        var offer = _siteOffers.First(o => o.Id == coupon.SiteOfferId);
        var json = new Dictionary<string, object?>
        {
            ["id"] = coupon.Id,
            ["redeemCode"] = coupon.RedeemCode,
        };

        // The seed: "If a coupon has not been redeemed then this property will not be present."
        if (coupon.RedeemedOn is { } redeemed)
        {
            json["redeemedOn"] = Stamp(redeemed);
        }

        json["expiresOn"] = Stamp(coupon.ExpiresOn);
        json["deviceId"] = coupon.DeviceId;
        if (full)
        {
            json["createdOn"] = Stamp(coupon.CreatedOn);
            json["updatedOn"] = Stamp(coupon.UpdatedOn);
        }

        json["siteOfferId"] = coupon.SiteOfferId;
        json["offer"] = new Dictionary<string, object?>
        {
            ["id"] = offer.OfferId,
            ["title"] = offer.Title,
            ["description"] = offer.Description,
            ["styleBorderColor"] = "green",
            ["styleBackgroundColor"] = "magenta",
            ["featureImage"] = "string",
            ["url"] = null,
            ["vendorId"] = offer.VendorId,
        };
        if (full && site is not null)
        {
            json["redemptionSite"] = new Dictionary<string, object?>
            {
                ["id"] = site.Id,
                ["title"] = site.Title,
                ["address"] = site.Address,
                ["gps"] = new Dictionary<string, double> { ["lng"] = site.Lng, ["lat"] = site.Lat },
                ["adminId"] = site.AdminId,
            };
            json["triggers"] = Array.Empty<object>();
        }

        return json;
    }

    private string NextCode()
    {
        // 5 characters like the seed's "Y2BMA", unique within the fake.
        var n = ++_codeCounter * 7919;
        var chars = new char[5];
        for (var i = 4; i >= 0; i--)
        {
            chars[i] = CodeAlphabet[n % CodeAlphabet.Length];
            n /= CodeAlphabet.Length;
        }

        return new string(chars);
    }

    // The seed's curl examples quote the key inside the header value ("API-Key: '<key>'"); accept both.
    private static string Unquoted(string value) => value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;

    private static IResult Error(int status, string message) =>
        Results.Json(new Dictionary<string, object> { ["error"] = new Dictionary<string, object> { ["status"] = status, ["message"] = message } }, statusCode: status);

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    protected override string ErrorBody(int status) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["error"] = new Dictionary<string, object> { ["status"] = status, ["message"] = ReasonPhrases.GetReasonPhrase(status) } });
}
