namespace EdgeGateway.Edge.SelfTest;

/// <summary>One check's outcome, worded for an installer standing in the shop.</summary>
/// <param name="Check">Short name: radio, nfc, broker, clock, disk, backlog.</param>
/// <param name="Verdict">Pass, warn or fail.</param>
/// <param name="Detail">What was found, e.g. "PN532 firmware 1.6 answering on /dev/ttyS0".</param>
/// <param name="Fix">What to do when it is not a pass; null on pass.</param>
public sealed record SelfTestResult(string Check, SelfTestVerdict Verdict, string Detail, string? Fix = null);
