namespace EdgeGateway.Hardware.Emulation.Controller;

/// <summary>The answer to one advertising command, and which command set (legacy or extended) it committed the controller to.</summary>
internal readonly record struct AdvertisingCommandOutcome(byte Status, byte[] Result, bool? Extended);
