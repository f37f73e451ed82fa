using EdgeGateway.CloudBridge.Actions;
using EdgeGateway.CloudBridge.Cli;
using EdgeGateway.Protocol.Streams;
using EdgeGateway.Testing.Cli;
using static EdgeGateway.CloudBridge.Tests.Support.Messages;

namespace EdgeGateway.CloudBridge.Tests.Actions;

/// <summary>The rule table: how a tap finds its rule, and a bad table refused at start with one line naming the key.</summary>
public sealed class NfcActionRulesTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("egw-bridge-rules-");

    private static NfcActionRules Rules(params NfcActionRule[] rules)
    {
        var options = new NfcActionsOptions();
        options.Rules.AddRange(rules);
        Assert.Null(NfcActionRules.FirstError(options));
        return new NfcActionRules(options);
    }

    private static NfcActionRule Voucher(string name, string? site = null, string? uid = null, string? prefix = null) =>
        new() { Name = name, Site = site, TagUid = uid, TagUrlPrefix = prefix, Action = NfcActionKinds.WifiVoucher, Days = 1 };

    [Fact]
    public void The_first_matching_rule_wins_and_a_site_rule_only_matches_its_site()
    {
        var rules = Rules(
            Voucher("till", site: "shop-1", uid: "04:5A:6B:7C:8D:9E:A0"),
            Voucher("any-shop-prefix", prefix: "https://shop.example/t/wifi"),
            Voucher("fallback", uid: "045a6b7c8d9ea0"));

        Assert.Equal("till", rules.Match("shop-1", Tap("045a6b7c8d9ea0"))!.Name);
        Assert.Equal("fallback", rules.Match("shop-2", Tap("045a6b7c8d9ea0"))!.Name);
        Assert.Equal("any-shop-prefix", rules.Match(null, Tap("0411223344556677", url: "https://shop.example/t/wifi-3"))!.Name);
        Assert.Null(rules.Match("shop-1", Tap("0411223344556677", url: "https://other.example/")));
        Assert.Null(rules.Match("shop-1", Tap("0411223344556677", url: null)));
    }

    [Fact]
    public void Templates_fill_uid_site_and_gateway()
    {
        Assert.Equal("tag-045a6b/shop-1/gw-1", NfcActionRules.Fill("tag-{uid}/{site}/{gateway}", "04:5A:6B", "shop-1", "gw-1"));
    }

    private string File(string json)
    {
        var path = Path.Combine(_directory.FullName, $"{Guid.NewGuid():N}.json");
        System.IO.File.WriteAllText(path, json);
        return path;
    }

    private const string Wifi = "\"Connectors\": {\"WifiVouchers\": {\"BaseUrl\": \"http://127.0.0.1:1/api/\", \"ApiKey\": \"k-0123456789\"}}";

    [Theory]
    [InlineData("""{"NfcActions": {"Rules": [{"Name": "a", "TagUid": "045a6b7c8d9ea0", "Action": "wifi-voucher", "Days": 1}]}}""",
        "config: NfcActions:Rules:0:Action: 'wifi-voucher' needs the WifiVouchers connector")]
    [InlineData("{" + Wifi + """, "NfcActions": {"Rules": [{"Name": "a", "TagUid": "zz", "Action": "wifi-voucher", "Days": 1}]}}""",
        "config: NfcActions:Rules:0:TagUid: 'zz' is not a 4, 7 or 10 byte UID in hex")]
    [InlineData("{" + Wifi + """, "NfcActions": {"Rules": [{"Name": "a", "TagUid": "045a6b7c8d9ea0", "TagUrlPrefix": "https://x/", "Action": "wifi-voucher", "Days": 1}]}}""",
        "config: NfcActions:Rules:0: set exactly one of TagUid and TagUrlPrefix")]
    [InlineData("{" + Wifi + """, "NfcActions": {"Rules": [{"Name": "a", "TagUid": "045a6b7c8d9ea0", "Action": "wifi-voucher"}]}}""",
        "config: NfcActions:Rules:0:Days: required for wifi-voucher, 1-365 (got nothing)")]
    [InlineData("{" + Wifi + """, "NfcActions": {"Rules": [{"Name": "a", "TagUid": "045a6b7c8d9ea0", "Action": "wifi-voucher", "Days": 1, "MaxDevices": -1}]}}""",
        "config: NfcActions:Rules:0:MaxDevices: must be between 0 (unlimited) and 100000 (got -1)")]
    [InlineData("{" + Wifi + """, "NfcActions": {"Rules": [{"Name": "a", "TagUid": "045a6b7c8d9ea0", "Action": "wifi-voucher", "Days": 1, "PromotionId": 3}]}}""",
        "config: NfcActions:Rules:0: PromotionId/EntryUid/FieldValues do not apply to Action 'wifi-voucher'")]
    [InlineData("{" + Wifi + """, "NfcActions": {"Rules": [{"Name": "a", "TagUid": "045a6b7c8d9ea0", "Action": "wifi-voucher", "Days": 1}, {"Name": "a", "TagUid": "045a6b7c8d9ea0", "Action": "wifi-voucher", "Days": 1}]}}""",
        "config: NfcActions:Rules:1:Name: 'a' is used by an earlier rule")]
    [InlineData("""{"NfcActions": {"Rules": [{"Name": "a", "TagUid": "045a6b7c8d9ea0", "Action": "raffle"}]}}""",
        "config: NfcActions:Rules:0:Action: must be one of wifi-voucher, coupon, promotion-entry (got 'raffle')")]
    [InlineData("""{"NfcActions": {"Rules": [{"Name": "a", "TagUid": "045a6b7c8d9ea0", "Action": "promotion-entry", "PromotionId": 4, "EntryUid": "{serial}"}]}}""",
        "config: NfcActions:Rules:0:EntryUid: '{serial}' has an unknown placeholder (known: {uid} {site} {gateway})")]
    [InlineData("""{"NfcActions": {"CommandTtlSeconds": 1}}""", "config: NfcActions:CommandTtlSeconds: must be between 10 and 86400 (got 1)")]
    [InlineData("""{"NfcActions": {"Rules": [{"Name": "a", "TagUid": "045a6b7c8d9ea0", "Action": "coupon", "Colour": "red"}]}}""", "config: ")]
    public async Task A_bad_rule_table_is_one_line_naming_the_key_and_exit_code_2(string json, string expected)
    {
        var run = await CommandLineRun.InvokeAsync(BridgeCommandLine.Build(), "run", "--config", File(json));

        Assert.Equal(RunCommand.ConfigError, run.ExitCode);
        Assert.StartsWith(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
