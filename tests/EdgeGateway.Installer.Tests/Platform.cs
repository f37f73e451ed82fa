// Same platform scope as gatewayctl itself (Unix file modes, block devices).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
