namespace EdgeGateway.CloudBridge.Api;

/// <summary>One parsed filter: field, operator and the value already converted to the field's type.</summary>
public sealed record ListFilter(ResourceField Field, FilterOperator Operator, object Value);
