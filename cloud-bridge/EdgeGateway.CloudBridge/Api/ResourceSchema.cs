namespace EdgeGateway.CloudBridge.Api;

/// <summary>A listable fleet resource: its URL segment, the relation it reads from, its fields and default order.</summary>
public sealed class ResourceSchema
{
    public ResourceSchema(string name, string relation, string defaultOrdering, params ResourceField[] fields)
    {
        Name = name;
        Relation = relation;
        DefaultOrdering = defaultOrdering;
        Fields = fields;
        ByName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>URL segment under /api/v1/.</summary>
    public string Name { get; }

    /// <summary>Table or view holding one row per record, with columns named like the fields.</summary>
    public string Relation { get; }

    /// <summary>`ordering` used when the request gives none, in the API's syntax (`-heartbeat`).</summary>
    public string DefaultOrdering { get; }

    public IReadOnlyList<ResourceField> Fields { get; }

    public IReadOnlyDictionary<string, ResourceField> ByName { get; }
}
