namespace EdgeGateway.Hardware.Hci;

/// <summary>Receives each advertising report in place; the report's spans die when the call returns.</summary>
public delegate void AdvertisingReportHandler(in AdvertisingReport report);
