using System.Collections;
using System.Reflection;

namespace EdgeGateway.Testing.Tools;

/// <summary>
/// Reads the size of LiteDB 5's process-wide cache of compiled expressions (private static dictionaries keyed by the
/// expression's text, never emptied). Code that writes values into query texts grows it by one compiled method per
/// distinct value; tests use this to hold a store to a fixed set of texts. Found by a heap dump of the gateway daemon
/// (docs/RELIABILITY.md, "Memory over time").
/// </summary>
public static class LiteDbExpressionCache
{
    private static readonly string[] Fields = ["_cacheScalar", "_cacheEnumerable"];

    /// <summary>Entries in the cache now. Fails loudly if a LiteDB upgrade moved them, rather than measuring nothing.</summary>
    public static int CompiledTexts()
    {
        var expression = Type.GetType("LiteDB.BsonExpression, LiteDB", throwOnError: true)!;
        var total = 0;
        foreach (var name in Fields)
        {
            var field = expression.GetField(name, BindingFlags.Static | BindingFlags.NonPublic)
                ?? throw new InvalidOperationException($"LiteDB's BsonExpression.{name} is gone: update this helper for the LiteDB version in use");
            total += ((ICollection)field.GetValue(null)!).Count;
        }

        return total;
    }
}
