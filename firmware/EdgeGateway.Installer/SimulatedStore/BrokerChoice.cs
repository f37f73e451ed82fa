namespace EdgeGateway.Installer.SimulatedStore;

/// <summary>`simulate-store --broker`: which MQTT broker runs the store.</summary>
public enum BrokerChoice
{
    /// <summary>mosquitto when it is installed, else the built-in broker.</summary>
    Auto,
    Mosquitto,
    BuiltIn,
}
