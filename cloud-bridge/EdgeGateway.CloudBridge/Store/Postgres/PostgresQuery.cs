using System.Globalization;
using System.Text;
using EdgeGateway.CloudBridge.Api;
using Npgsql;

namespace EdgeGateway.CloudBridge.Store.Postgres;

/// <summary>
/// Translates a <see cref="ListQuery"/> to SQL. Identifiers come only from the resource's field list
/// (never from the request) and every value is a parameter, so the SQL text is built from a closed set.
/// Semantics match <see cref="InMemoryQuery"/>: nulls never match, nulls sort last, `id` breaks ties.
/// </summary>
internal static class PostgresQuery
{
    public static (string Where, Func<NpgsqlCommand, IEnumerable<NpgsqlParameter>> Parameters) Where(ResourceSchema resource, ListQuery query)
    {
        var clauses = new List<string>();
        var values = new List<(string Name, object Value)>();
        foreach (var filter in query.Filters)
        {
            var name = $"p{values.Count.ToString(CultureInfo.InvariantCulture)}";
            var column = Column(filter.Field);
            clauses.Add(filter.Operator switch
            {
                FilterOperator.IContains => $"strpos(lower({column}::text), lower(@{name})) > 0",
                FilterOperator.Exact => $"{column} = @{name}",
                FilterOperator.Lt => $"{column} < @{name}",
                FilterOperator.Gt => $"{column} > @{name}",
                FilterOperator.Lte => $"{column} <= @{name}",
                _ => $"{column} >= @{name}",
            });
            values.Add((name, filter.Value is DateTimeOffset t ? t.UtcDateTime : filter.Value));
        }

        if (query.Search is { } search)
        {
            var searchable = resource.Fields.Where(f => f.Searchable).Select(f => $"strpos(lower(coalesce({Column(f)}::text, '')), lower(@search)) > 0");
            clauses.Add($"({string.Join(" OR ", searchable)})");
            values.Add(("search", search));
        }

        var where = clauses.Count == 0 ? string.Empty : $" WHERE {string.Join(" AND ", clauses)}";
        return (where, _ => values.Select(v => new NpgsqlParameter(v.Name, v.Value)));
    }

    public static string Count(ResourceSchema resource, string where) => $"SELECT count(*) FROM {resource.Relation}{where}";

    public static string Select(ResourceSchema resource, string where, ListQuery query)
    {
        var sql = new StringBuilder();
        sql.Append(CultureInfo.InvariantCulture, $"SELECT {Columns(resource)} FROM {resource.Relation}{where} ORDER BY ");
        foreach (var order in query.Ordering)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{Column(order.Field)}{(order.Field.Kind == FieldKind.Text ? " COLLATE \"C\"" : "")} {(order.Descending ? "DESC" : "ASC")} NULLS LAST, ");
        }

        sql.Append("id ASC LIMIT @limit OFFSET @offset");
        return sql.ToString();
    }

    public static string ById(ResourceSchema resource) => $"SELECT {Columns(resource)} FROM {resource.Relation} WHERE id = @id";

    private static string Columns(ResourceSchema resource) => string.Join(", ", resource.Fields.Select(Column));

    private static string Column(ResourceField field) => $"\"{field.Name}\"";
}
