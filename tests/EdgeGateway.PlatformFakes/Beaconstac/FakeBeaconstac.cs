using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.PlatformFakes.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.PlatformFakes.Beaconstac;

/// <summary>
/// The Beaconstac-style platform of seed 000: `Authorization: Token &lt;token&gt;` on every call, beacons,
/// NFC tags and places under <see cref="Root"/> with the seed's filter fields (`field`, `field__icontains`,
/// `__lt/__gt/__lte/__gte`), `search`, `ordering` (`-field` descending) and limit/offset pagination
/// (`{count, next, previous, results}` with absolute links). Updates (PUT/PATCH) accept form-encoded or JSON
/// bodies; PUT must carry the writable required fields (name, place); read-only fields are ignored. Errors
/// have the seed API's `{"detail": ...}` or per-field `{"field": ["message"]}` bodies.
/// </summary>
public sealed class FakeBeaconstac : FakePlatform
{
    public const string Root = "/api/2.0/";

    private readonly Lock _gate = new();
    private readonly List<FakeBeaconstacBeacon> _beacons = [];
    private readonly List<FakeBeaconstacPlace> _places = [];
    private readonly List<FakeBeaconstacNfcTag> _tags = [];
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);
    private long _nextId = 1000;

    public FakeBeaconstac(string token) => _tokens.Add(token);

    /// <summary>Page size when the client gives no `limit`.</summary>
    public int DefaultLimit { get; set; } = 20;

    /// <summary>The largest `limit` honoured; bigger values are capped.</summary>
    public int MaxLimit { get; set; } = 100;

    /// <summary>The base URL a client configures: `http://127.0.0.1:port/api/2.0/`.</summary>
    public Uri ApiUrl => new(BaseUrl, Root.TrimStart('/'));

    /// <summary>Simulates the account owner regenerating the developer token: the old one answers 401 from now on.</summary>
    public void RevokeToken(string token)
    {
        lock (_gate)
        {
            _tokens.Remove(token);
        }
    }

    public void AddToken(string token)
    {
        lock (_gate)
        {
            _tokens.Add(token);
        }
    }

    public FakeBeaconstacPlace AddPlace(string name) => Add(_places, id => new FakeBeaconstacPlace { Id = id, Name = name });

    /// <summary>Adds a beacon; <paramref name="create"/> gets the id the platform assigns.</summary>
    public FakeBeaconstacBeacon AddBeacon(Func<long, FakeBeaconstacBeacon> create) => Add(_beacons, create);

    public FakeBeaconstacNfcTag AddNfcTag(Func<long, FakeBeaconstacNfcTag> create) => Add(_tags, create);

    private T Add<T>(List<T> items, Func<long, T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            var item = create(++_nextId);
            items.Add(item);
            return item;
        }
    }

    /// <summary>A change made on the platform's dashboard (not through the API): what the bridge's poll must pick up.</summary>
    public void Edit(long beaconId, Action<FakeBeaconstacBeacon> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var beacon = _beacons.Single(b => b.Id == beaconId);
            change(beacon);
            beacon.Updated = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>A consistent copy of one beacon for assertions.</summary>
    public FakeBeaconstacBeacon Beacon(long id)
    {
        lock (_gate)
        {
            var b = _beacons.Single(b => b.Id == id);
            return new FakeBeaconstacBeacon
            {
                Id = b.Id, Name = b.Name, Uuid = b.Uuid, Major = b.Major, Minor = b.Minor, Place = b.Place, SerialNumber = b.SerialNumber,
                EddystoneNid = b.EddystoneNid, EddystoneBid = b.EddystoneBid, State = b.State, TxPower = b.TxPower,
                AdvertisingInterval = b.AdvertisingInterval, Battery = b.Battery, Temperature = b.Temperature, Updated = b.Updated,
                Heartbeat = b.Heartbeat, Updates = b.Updates, Created = b.Created,
            };
        }
    }

    public FakeBeaconstacNfcTag NfcTag(long id)
    {
        lock (_gate)
        {
            var t = _tags.Single(t => t.Id == id);
            return new FakeBeaconstacNfcTag
            {
                Id = t.Id, Name = t.Name, Uid = t.Uid, Counter = t.Counter, Place = t.Place, Url = t.Url, State = t.State,
                Meta = (JsonObject)t.Meta.DeepClone(), Updated = t.Updated, Heartbeat = t.Heartbeat, Updates = t.Updates, Created = t.Created,
            };
        }
    }

    protected override string ErrorBody(int status) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["detail"] = status switch
        {
            429 => "Request was throttled.",
            500 => "A server error occurred.",
            503 => "Service temporarily unavailable, try again later.",
            _ => $"Error {status}.",
        },
    });

    protected override void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Root.TrimEnd('/')).AddEndpointFilter(async (context, next) =>
            Authenticate(context.HttpContext) ?? await next(context));
        api.MapGet("/beacons/", (HttpContext c) => List(c, Snapshot(_beacons), BeaconFilters, ["name", "serial_number", "place__name", "url"], "-heartbeat", b => BeaconJson(b, list: true)));
        api.MapGet("/beacons/{id:long}/", (long id) => Retrieve(id, _beacons, b => b.Id, b => BeaconJson(b, list: false)));
        api.MapMethods("/beacons/{id:long}/", ["PUT", "PATCH"], (long id, HttpContext c) => UpdateBeaconAsync(id, c));
        api.MapGet("/nfctags/", (HttpContext c) => List(c, Snapshot(_tags), TagFilters, ["name", "place__name", "url"], "-updated", t => TagJson(t, list: true)));
        api.MapGet("/nfctags/{id:long}/", (long id) => Retrieve(id, _tags, t => t.Id, t => TagJson(t, list: false)));
        api.MapMethods("/nfctags/{id:long}/", ["PUT", "PATCH"], (long id, HttpContext c) => UpdateTagAsync(id, c));
        api.MapGet("/places/", (HttpContext c) => List(c, Snapshot(_places), PlaceFilters, ["name"], "-updated", PlaceJson));
        api.MapGet("/places/{id:long}/", (long id) => Retrieve(id, _places, p => p.Id, PlaceJson));
    }

    private IResult? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        context.Response.Headers.WWWAuthenticate = "Token";
        if (string.IsNullOrEmpty(header))
        {
            return Detail(401, "Authentication credentials were not provided.");
        }

        lock (_gate)
        {
            return header.StartsWith("Token ", StringComparison.Ordinal) && _tokens.Contains(header["Token ".Length..].Trim())
                ? null
                : Detail(401, "Invalid token.");
        }
    }

    private static IResult Detail(int status, string detail) =>
        Results.Json(new Dictionary<string, string> { ["detail"] = detail }, statusCode: status);

    private static IResult FieldErrors(Dictionary<string, string[]> errors) => Results.Json(errors, statusCode: 400);

    private List<T> Snapshot<T>(List<T> items)
    {
        lock (_gate)
        {
            return [.. items];
        }
    }

    private IResult Retrieve<T>(long id, List<T> items, Func<T, long> idOf, Func<T, JsonObject> json)
    {
        lock (_gate)
        {
            var item = items.FirstOrDefault(i => idOf(i) == id);
            return item is null ? Detail(404, "Not found.") : Results.Content(json(item).ToJsonString(), "application/json");
        }
    }

    private string PlaceName(long? place)
    {
        lock (_gate)
        {
            return _places.FirstOrDefault(p => p.Id == place)?.Name ?? "";
        }
    }

    private Dictionary<string, Func<FakeBeaconstacBeacon, object?>> BeaconFilters => new(StringComparer.Ordinal)
    {
        ["name"] = b => b.Name,
        ["serial_number"] = b => b.SerialNumber,
        ["place__name"] = b => PlaceName(b.Place),
        ["url"] = _ => "",
        ["heartbeat"] = b => b.Heartbeat,
        ["state"] = b => b.State,
        ["battery"] = b => b.Battery,
        ["created"] = b => b.Created,
        ["updated"] = b => b.Updated,
    };

    private Dictionary<string, Func<FakeBeaconstacNfcTag, object?>> TagFilters => new(StringComparer.Ordinal)
    {
        ["name"] = t => t.Name,
        ["place__name"] = t => PlaceName(t.Place),
        ["url"] = t => t.Url,
        ["state"] = t => t.State,
        ["created"] = t => t.Created,
        ["updated"] = t => t.Updated,
    };

    private static Dictionary<string, Func<FakeBeaconstacPlace, object?>> PlaceFilters => new(StringComparer.Ordinal)
    {
        ["name"] = p => p.Name,
        ["address"] = p => p.Address,
        ["created"] = p => p.Created,
        ["updated"] = p => p.Updated,
    };

    /// <summary>The seed's list conventions over any collection.</summary>
    private IResult List<T>(
        HttpContext context, List<T> items, Dictionary<string, Func<T, object?>> fields, string[] searchFields, string defaultOrdering, Func<T, JsonObject> json)
    {
        var query = context.Request.Query;
        IEnumerable<T> selected = items;
        foreach (var (key, values) in query)
        {
            if (key is "limit" or "offset" or "search" or "ordering" or "organization")
            {
                continue;
            }

            var parts = key.Split("__");
            var op = parts.Length > 1 && parts[^1] is "exact" or "icontains" or "lt" or "gt" or "lte" or "gte" ? parts[^1] : "exact";
            var field = op == "exact" && !key.EndsWith("__exact", StringComparison.Ordinal) ? key : key[..key.LastIndexOf("__", StringComparison.Ordinal)];
            if (!fields.TryGetValue(field, out var get))
            {
                continue; // like django-filter: unknown parameters are ignored
            }

            var value = Unquote(values.ToString());
            selected = selected.Where(item => Matches(get(item), op, value)).ToList();
        }

        if (query["search"].ToString() is { Length: > 0 } search)
        {
            var text = Unquote(search);
            selected = selected.Where(item => searchFields.Any(f => fields.TryGetValue(f, out var get) && get(item) is string s && s.Contains(text, StringComparison.OrdinalIgnoreCase))).ToList();
        }

        var ordering = query["ordering"].ToString() is { Length: > 0 } o ? Unquote(o) : defaultOrdering;
        var descending = ordering.StartsWith('-');
        if (fields.TryGetValue(ordering.TrimStart('-'), out var key2))
        {
            selected = descending
                ? selected.OrderByDescending(i => key2(i) as IComparable, Comparer<IComparable?>.Default)
                : selected.OrderBy(i => key2(i) as IComparable, Comparer<IComparable?>.Default);
        }

        var all = selected.ToList();
        var limitText = query["limit"].ToString();
        var offsetText = query["offset"].ToString();
        var limit = int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : DefaultLimit;
        var offset = int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out var off) ? off : 0;
        limit = Math.Min(limit, MaxLimit);
        var page = all.Skip(offset).Take(limit).ToList();
        var body = new JsonObject
        {
            ["count"] = all.Count,
            ["next"] = offset + limit < all.Count ? PageUrl(context.Request, limit, offset + limit) : null,
            ["previous"] = offset > 0 ? PageUrl(context.Request, limit, Math.Max(0, offset - limit)) : null,
            ["results"] = new JsonArray([.. page.Select(p => (JsonNode)json(p))]),
        };
        return Results.Content(body.ToJsonString(), "application/json");
    }

    /// <summary>The seed writes filter values in quotes (`?name='test_beacon'`); both forms are accepted.</summary>
    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1] : value;

    private static bool Matches(object? actual, string op, string value)
    {
        switch (op)
        {
            case "icontains":
                return actual?.ToString()?.Contains(value, StringComparison.OrdinalIgnoreCase) == true;
            case "exact":
                return actual switch
                {
                    null => value.Length == 0,
                    DateTimeOffset t => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) && t == v,
                    _ => string.Equals(Convert.ToString(actual, CultureInfo.InvariantCulture), value, StringComparison.Ordinal),
                };
            default:
                int? compared = actual switch
                {
                    DateTimeOffset t when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var v) => t.CompareTo(v),
                    int i when int.TryParse(value, CultureInfo.InvariantCulture, out var v) => i.CompareTo(v),
                    _ => null,
                };
                return compared is { } c && op switch { "lt" => c < 0, "gt" => c > 0, "lte" => c <= 0, _ => c >= 0 };
        }
    }

    private static string PageUrl(HttpRequest request, int limit, int offset)
    {
        var pairs = request.Query.Where(q => q.Key is not "limit" and not "offset")
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"limit={limit.ToString(CultureInfo.InvariantCulture)}")
            .Append($"offset={offset.ToString(CultureInfo.InvariantCulture)}");
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', pairs)}";
    }

    private JsonObject BeaconJson(FakeBeaconstacBeacon b, bool list)
    {
        var json = new JsonObject
        {
            ["id"] = b.Id,
            ["name"] = b.Name,
            ["UUID"] = b.Uuid,
            ["major"] = b.Major,
            ["minor"] = b.Minor,
            ["organization"] = b.Organization,
            ["place"] = b.Place,
            ["serial_number"] = b.SerialNumber,
            ["eddystone_nid"] = b.EddystoneNid,
            ["eddystone_bid"] = b.EddystoneBid,
            ["url"] = "",
            ["state"] = b.State,
            ["tags"] = new JsonArray(),
            ["rules"] = new JsonArray(),
            ["tx_power"] = b.TxPower,
            ["advertising_interval"] = b.AdvertisingInterval,
            ["battery"] = b.Battery,
            ["temperature"] = b.Temperature,
            ["meta"] = new JsonObject(),
            ["created"] = b.Created.ToString("O", CultureInfo.InvariantCulture),
            ["updated"] = b.Updated.ToString("O", CultureInfo.InvariantCulture),
            ["heartbeat"] = b.Heartbeat?.ToString("O", CultureInfo.InvariantCulture),
        };
        if (list)
        {
            json["place_data"] = PlaceData(b.Place);
        }

        return json;
    }

    private JsonObject TagJson(FakeBeaconstacNfcTag t, bool list)
    {
        var json = new JsonObject
        {
            ["id"] = t.Id,
            ["name"] = t.Name,
            ["uid"] = t.Uid,
            ["counter"] = t.Counter,
            ["organization"] = t.Organization,
            ["place"] = t.Place,
            ["url"] = t.Url,
            ["state"] = t.State,
            ["tags"] = new JsonArray(),
            ["meta"] = t.Meta.DeepClone(),
            ["created"] = t.Created.ToString("O", CultureInfo.InvariantCulture),
            ["updated"] = t.Updated.ToString("O", CultureInfo.InvariantCulture),
            ["heartbeat"] = t.Heartbeat?.ToString("O", CultureInfo.InvariantCulture),
        };
        if (list)
        {
            json["place_data"] = PlaceData(t.Place);
        }

        return json;
    }

    private JsonArray PlaceData(long? place)
    {
        lock (_gate)
        {
            return _places.FirstOrDefault(p => p.Id == place) is { } p ? [new JsonObject { ["id"] = p.Id, ["name"] = p.Name }] : [];
        }
    }

    private static JsonObject PlaceJson(FakeBeaconstacPlace p) => new()
    {
        ["id"] = p.Id,
        ["name"] = p.Name,
        ["organization"] = p.Organization,
        ["address"] = p.Address,
        ["created"] = p.Created.ToString("O", CultureInfo.InvariantCulture),
        ["updated"] = p.Updated.ToString("O", CultureInfo.InvariantCulture),
    };

    /// <summary>Reads a form-encoded or JSON body into field → JSON value; null with an error result otherwise.</summary>
    private static async Task<(Dictionary<string, JsonNode?>? Fields, IResult? Error)> ReadBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            return (form.ToDictionary(f => f.Key, f => (JsonNode?)JsonValue.Create(f.Value.ToString()), StringComparer.Ordinal), null);
        }

        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                var node = await JsonNode.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
                return node is JsonObject o
                    ? (o.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal), null)
                    : (null, Detail(400, "JSON parse error - expected an object."));
            }
            catch (JsonException ex)
            {
                return (null, Detail(400, $"JSON parse error - {ex.Message}"));
            }
        }

        return (null, Detail(415, $"Unsupported media type \"{request.ContentType}\" in request."));
    }

    /// <summary>An integer field from a form string or a JSON number; error text as the seed API words it.</summary>
    private static bool TryInteger(JsonNode? node, out int? value)
    {
        value = null;
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }

        if (node is JsonValue s && s.TryGetValue<string>(out var text))
        {
            if (text.Length == 0)
            {
                return true;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
                return true;
            }
        }

        return false;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();

    private async Task<IResult> UpdateBeaconAsync(long id, HttpContext context)
    {
        var (fields, error) = await ReadBodyAsync(context);
        if (fields is null)
        {
            return error!;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var put = HttpMethods.IsPut(context.Request.Method);
        if (put)
        {
            foreach (var required in new[] { "name", "place" })
            {
                if (!fields.ContainsKey(required))
                {
                    errors[required] = ["This field is required."];
                }
            }
        }

        var ints = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var name in new[] { "place", "tx_power", "advertising_interval", "battery", "temperature" })
        {
            if (fields.TryGetValue(name, out var node))
            {
                if (TryInteger(node, out var value))
                {
                    ints[name] = value;
                }
                else
                {
                    errors[name] = [name == "place" ? $"Incorrect type. Expected pk value, received {node?.GetValueKind().ToString().ToLowerInvariant()}." : "A valid integer is required."];
                }
            }
        }

        lock (_gate)
        {
            var beacon = _beacons.FirstOrDefault(b => b.Id == id);
            if (beacon is null)
            {
                return Detail(404, "Not found.");
            }

            if (ints.TryGetValue("place", out var place) && place is { } p && _places.All(x => x.Id != p))
            {
                errors["place"] = [$"Invalid pk \"{p}\" - object does not exist."];
            }

            if (errors.Count > 0)
            {
                return FieldErrors(errors);
            }

            if (fields.TryGetValue("name", out var name))
            {
                beacon.Name = Text(name) ?? beacon.Name;
            }

            if (ints.TryGetValue("place", out var newPlace))
            {
                beacon.Place = newPlace;
            }

            if (ints.TryGetValue("tx_power", out var tx))
            {
                beacon.TxPower = tx;
            }

            if (ints.TryGetValue("advertising_interval", out var interval))
            {
                beacon.AdvertisingInterval = interval;
            }

            if (ints.TryGetValue("battery", out var battery))
            {
                beacon.Battery = battery;
            }

            if (ints.TryGetValue("temperature", out var temperature))
            {
                beacon.Temperature = temperature;
            }

            beacon.Updated = DateTimeOffset.UtcNow;
            beacon.Updates++;
            return Results.Content(BeaconJson(beacon, list: false).ToJsonString(), "application/json");
        }
    }

    private async Task<IResult> UpdateTagAsync(long id, HttpContext context)
    {
        var (fields, error) = await ReadBodyAsync(context);
        if (fields is null)
        {
            return error!;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (HttpMethods.IsPut(context.Request.Method))
        {
            foreach (var required in new[] { "name", "place" })
            {
                if (!fields.ContainsKey(required))
                {
                    errors[required] = ["This field is required."];
                }
            }
        }

        int? place = null;
        if (fields.TryGetValue("place", out var placeNode) && !TryInteger(placeNode, out place))
        {
            errors["place"] = ["Incorrect type. Expected pk value."];
        }

        if (fields.TryGetValue("meta", out var metaNode) && metaNode is not null and not JsonObject)
        {
            errors["meta"] = ["Value must be valid JSON."];
        }

        lock (_gate)
        {
            var tag = _tags.FirstOrDefault(t => t.Id == id);
            if (tag is null)
            {
                return Detail(404, "Not found.");
            }

            if (errors.Count > 0)
            {
                return FieldErrors(errors);
            }

            if (fields.TryGetValue("name", out var name))
            {
                tag.Name = Text(name) ?? tag.Name;
            }

            if (fields.ContainsKey("place"))
            {
                tag.Place = place;
            }

            if (metaNode is JsonObject meta)
            {
                tag.Meta = (JsonObject)meta.DeepClone();
            }

            tag.Updated = DateTimeOffset.UtcNow;
            tag.Updates++;
            return Results.Content(TagJson(tag, list: false).ToJsonString(), "application/json");
        }
    }
}
