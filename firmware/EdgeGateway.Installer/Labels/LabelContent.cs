namespace EdgeGateway.Installer.Labels;

/// <summary>What goes on a gateway's label. The QR code carries the page URL with id and site; the password is printed, never encoded.</summary>
public sealed record LabelContent(string GatewayId, string Site, Uri DiagnosticUrl, string Password)
{
    /// <summary>The QR payload: the diagnostic page, with the identity in the query so a phone shows which gateway it is.</summary>
    public string QrPayload =>
        $"{DiagnosticUrl.GetLeftPart(UriPartial.Path)}?gw={Uri.EscapeDataString(GatewayId)}&site={Uri.EscapeDataString(Site)}";

    public IReadOnlyList<string> TextLines =>
    [
        "EdgeGateway",
        $"id: {GatewayId}",
        $"site: {Site}",
        DiagnosticUrl.GetLeftPart(UriPartial.Path),
        $"password: {Password}",
    ];
}
