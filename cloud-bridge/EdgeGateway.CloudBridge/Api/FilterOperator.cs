namespace EdgeGateway.CloudBridge.Api;

/// <summary>The seed API's filter operators: `field` (exact), `field__icontains`, `field__lt`, `__gt`, `__lte`, `__gte`.</summary>
public enum FilterOperator
{
    Exact,
    IContains,
    Lt,
    Gt,
    Lte,
    Gte,
}
