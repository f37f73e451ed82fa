// gatewayctl writes private keys with Unix permissions and talks to block devices: Linux and macOS only.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
