using System.Globalization;
using EdgeGateway.CloudBridge.Config;
using EdgeGateway.CloudBridge.Connectors.Common;

namespace EdgeGateway.CloudBridge.Actions;

/// <summary>The rule table checked against the rest of the configuration: every action's connector must be configured.</summary>
internal static class NfcActionsValidation
{
    public static string? FirstError(BridgeOptions options)
    {
        if (NfcActionRules.FirstError(options.NfcActions) is { } error)
        {
            return error;
        }

        for (var i = 0; i < options.NfcActions.Rules.Count; i++)
        {
            var action = options.NfcActions.Rules[i].Action;
            (string Name, IConnectorOptions Section) needed = action switch
            {
                NfcActionKinds.WifiVoucher => ("WifiVouchers", options.Connectors.WifiVouchers),
                NfcActionKinds.Coupon => ("Xerts", options.Connectors.Xerts),
                _ => ("BeeLiked", options.Connectors.BeeLiked),
            };
            if (!needed.Section.IsConfigured)
            {
                return $"NfcActions:Rules:{i.ToString(CultureInfo.InvariantCulture)}:Action: '{action}' needs the {needed.Name} connector (set Connectors:{needed.Name}:BaseUrl and its credentials)";
            }
        }

        return null;
    }
}
