namespace EdgeGateway.CloudBridge.Api;

/// <summary>The value type of a resource field: decides how filter values are parsed and compared.</summary>
public enum FieldKind
{
    Text,
    Integer,
    Real,
    Time,
    Boolean,
}
