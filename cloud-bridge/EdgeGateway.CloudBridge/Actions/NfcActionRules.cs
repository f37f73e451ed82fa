using System.Globalization;
using EdgeGateway.Protocol.Streams;

namespace EdgeGateway.CloudBridge.Actions;

/// <summary>
/// The validated rule table: finds the rule a tap triggers (first match in table order; a rule with a
/// site only matches taps of that site) and fills a rule's templates (`{uid}`, `{site}`, `{gateway}`).
/// </summary>
public sealed class NfcActionRules
{
    private static readonly string[] Placeholders = ["{uid}", "{site}", "{gateway}"];
    private readonly IReadOnlyList<NfcActionRule> _rules;

    public NfcActionRules(NfcActionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rules = options.Rules;
    }

    public bool Any(string action) => _rules.Any(r => r.Action == action);

    /// <summary>The first rule matching a tap read at <paramref name="site"/> (null when the gateway's site is unknown), or null.</summary>
    public NfcActionRule? Match(string? site, TagReadItem tap)
    {
        ArgumentNullException.ThrowIfNull(tap);
        var uid = NormalizeUid(tap.Uid);
        var url = tap.Ndef.FirstOrDefault(r => r.Uri is not null)?.Uri;
        foreach (var rule in _rules)
        {
            if (rule.Site is not null && !string.Equals(rule.Site, site, StringComparison.Ordinal))
            {
                continue;
            }

            if (rule.TagUid is not null ? NormalizeUid(rule.TagUid) == uid : url is not null && url.StartsWith(rule.TagUrlPrefix!, StringComparison.Ordinal))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>Replaces `{uid}`, `{site}` and `{gateway}` in <paramref name="template"/>.</summary>
    public static string Fill(string template, string uid, string? site, string gatewayId)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template
            .Replace("{uid}", NormalizeUid(uid), StringComparison.Ordinal)
            .Replace("{site}", site ?? string.Empty, StringComparison.Ordinal)
            .Replace("{gateway}", gatewayId, StringComparison.Ordinal);
    }

    /// <summary>Lower-case hex without separators, as the gateway reports UIDs.</summary>
    public static string NormalizeUid(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        return string.Concat(uid.Where(c => c is not (':' or '-' or ' '))).ToLowerInvariant();
    }

    /// <summary>The first problem of the table as one line naming the key (`NfcActions:Rules:2:TagUid: ...`), or null.</summary>
    public static string? FirstError(NfcActionsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CommandTtlSeconds is < 10 or > 86_400)
        {
            return $"NfcActions:CommandTtlSeconds: must be between 10 and 86400 (got {options.CommandTtlSeconds})";
        }

        if (options.WriteWaitSeconds is < 1 or > 600)
        {
            return $"NfcActions:WriteWaitSeconds: must be between 1 and 600 (got {options.WriteWaitSeconds})";
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var key = $"NfcActions:Rules:{i.ToString(CultureInfo.InvariantCulture)}";
            var error = RuleError(options.Rules[i], key, names);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    private static string? RuleError(NfcActionRule rule, string key, HashSet<string> names)
    {
        if (string.IsNullOrWhiteSpace(rule.Name) || rule.Name.Length > 64)
        {
            return $"{key}:Name: required, 1-64 characters";
        }

        if (!names.Add(rule.Name))
        {
            return $"{key}:Name: '{rule.Name}' is used by an earlier rule";
        }

        if ((rule.TagUid is null) == (rule.TagUrlPrefix is null))
        {
            return $"{key}: set exactly one of TagUid and TagUrlPrefix";
        }

        if (rule.TagUid is not null)
        {
            var uid = NormalizeUid(rule.TagUid);
            if (uid.Length is not (8 or 14 or 20) || !uid.All(char.IsAsciiHexDigit))
            {
                return $"{key}:TagUid: '{rule.TagUid}' is not a 4, 7 or 10 byte UID in hex";
            }
        }

        if (rule.TagUrlPrefix is not null && !Uri.TryCreate(rule.TagUrlPrefix, UriKind.Absolute, out _))
        {
            return $"{key}:TagUrlPrefix: '{rule.TagUrlPrefix}' must start with an absolute URL (scheme and host)";
        }

        return rule.Action switch
        {
            NfcActionKinds.WifiVoucher => VoucherError(rule, key),
            NfcActionKinds.Coupon => CouponError(rule, key),
            NfcActionKinds.PromotionEntry => EntryError(rule, key),
            _ => $"{key}:Action: must be one of {string.Join(", ", NfcActionKinds.All)} (got '{rule.Action}')",
        };
    }

    private static string? VoucherError(NfcActionRule rule, string key)
    {
        if (rule.Days is not (>= 1 and <= 365))
        {
            return $"{key}:Days: required for {NfcActionKinds.WifiVoucher}, 1-365 (got {rule.Days?.ToString(CultureInfo.InvariantCulture) ?? "nothing"})";
        }

        foreach (var (name, value) in (ReadOnlySpan<(string, int?)>)[("UpSpeedMbps", rule.UpSpeedMbps), ("DownSpeedMbps", rule.DownSpeedMbps), ("VolumeCapGb", rule.VolumeCapGb), ("MaxDevices", rule.MaxDevices)])
        {
            if (value is < 0 or > 100_000)
            {
                return $"{key}:{name}: must be between 0 (unlimited) and 100000 (got {value})";
            }
        }

        return Unused(rule, key, coupon: true, entry: true);
    }

    private static string? CouponError(NfcActionRule rule, string key)
    {
        if (rule.XertsSiteId is { Length: 0 })
        {
            return $"{key}:XertsSiteId: must not be empty (leave it unset to use Connectors:Xerts:Sites)";
        }

        return TemplateError(rule.DeviceId, $"{key}:DeviceId") ?? Unused(rule, key, voucher: true, entry: true);
    }

    private static string? EntryError(NfcActionRule rule, string key)
    {
        if (rule.PromotionId is not > 0)
        {
            return $"{key}:PromotionId: required for {NfcActionKinds.PromotionEntry}, a positive BeeLiked promotion id";
        }

        foreach (var (slug, value) in rule.FieldValues)
        {
            if (slug.Length == 0 || slug.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
            {
                return $"{key}:FieldValues:{slug}: a field slug is letters, digits, - and _";
            }

            if (TemplateError(value, $"{key}:FieldValues:{slug}") is { } error)
            {
                return error;
            }
        }

        return TemplateError(rule.EntryUid, $"{key}:EntryUid") ?? Unused(rule, key, voucher: true, coupon: true);
    }

    private static string? TemplateError(string? template, string key)
    {
        if (template is null)
        {
            return null;
        }

        var rest = template;
        foreach (var placeholder in Placeholders)
        {
            rest = rest.Replace(placeholder, string.Empty, StringComparison.Ordinal);
        }

        return rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal)
            ? $"{key}: '{template}' has an unknown placeholder (known: {string.Join(" ", Placeholders)})"
            : null;
    }

    private static string? Unused(NfcActionRule rule, string key, bool voucher = false, bool coupon = false, bool entry = false)
    {
        string? stray = null;
        if (voucher && (rule.Days ?? rule.UpSpeedMbps ?? rule.DownSpeedMbps ?? rule.VolumeCapGb ?? rule.MaxDevices) is not null)
        {
            stray = "Days/UpSpeedMbps/DownSpeedMbps/VolumeCapGb/MaxDevices";
        }
        else if (coupon && (rule.XertsSiteId is not null || rule.DeviceId is not null || rule.Activate))
        {
            stray = "XertsSiteId/DeviceId/Activate";
        }
        else if (entry && (rule.PromotionId is not null || rule.EntryUid is not null || rule.FieldValues.Count > 0))
        {
            stray = "PromotionId/EntryUid/FieldValues";
        }

        return stray is null ? null : $"{key}: {stray} do not apply to Action '{rule.Action}'";
    }
}
