using EdgeGateway.CloudBridge.Actions;
using LiteDB;

namespace EdgeGateway.CloudBridge.Store.LiteDb;

/// <summary>The NFC action ledger and footfall figures in the fleet's LiteDB file (collections nfc_actions, site_footfall).</summary>
public sealed partial class LiteDbFleetStore : INfcActionLedger
{
    private ILiteCollection<BsonDocument> Actions => _db.GetCollection("nfc_actions", BsonAutoId.Int64);

    private ILiteCollection<BsonDocument> Footfall => _db.GetCollection("site_footfall", BsonAutoId.Int64);

    private void EnsureActionIndexes()
    {
        Actions.EnsureIndex("tap_key", unique: true);
        Footfall.EnsureIndex("key", unique: true);
    }

    public Task<NfcActionRecord> ClaimAsync(NfcActionClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = Now();
            var doc = Actions.FindOne(FieldEquals("tap_key", claim.TapKey)) ?? new BsonDocument
            {
                ["tap_key"] = claim.TapKey,
                ["rule"] = claim.Rule,
                ["action"] = claim.Action,
                ["gateway_id"] = claim.GatewayId,
                ["site"] = claim.Site is null ? BsonValue.Null : claim.Site,
                ["uid"] = claim.Uid,
                ["state"] = "pending",
                ["attempts"] = 0,
                ["result"] = BsonValue.Null,
                ["detail"] = BsonValue.Null,
                ["command_id"] = BsonValue.Null,
                ["created"] = now,
            };
            doc["attempts"] = doc["attempts"].AsInt32 + 1;
            doc["updated"] = now;
            Actions.Upsert(doc);
            _db.Checkpoint();
            return Task.FromResult(ToAction(doc));
        }
    }

    public Task CompleteAsync(string tapKey, NfcActionState state, string? result, string? detail, CancellationToken cancellationToken) =>
        UpdateAction(tapKey, doc =>
        {
            doc["state"] = state.ToString().ToLowerInvariant();
            doc["result"] = result is null ? BsonValue.Null : result;
            doc["detail"] = detail is null ? BsonValue.Null : detail;
        }, cancellationToken);

    public Task MarkCommandSentAsync(string tapKey, string commandId, CancellationToken cancellationToken) =>
        UpdateAction(tapKey, doc => doc["command_id"] = commandId, cancellationToken);

    public Task SetFootfallAsync(SiteFootfall footfall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(footfall);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var key = $"{footfall.Site}\u001f{footfall.Platform}";
            var doc = Footfall.FindOne(FieldEquals("key", key)) ?? new BsonDocument { ["key"] = key, ["site"] = footfall.Site, ["platform"] = footfall.Platform };
            doc["venue"] = footfall.Venue;
            doc["visits"] = footfall.Visits;
            doc["window_from"] = footfall.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            doc["window_to"] = footfall.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            doc["updated"] = Now();
            Footfall.Upsert(doc);
            _db.Checkpoint();
        }

        return Task.CompletedTask;
    }

    private Task UpdateAction(string tapKey, Action<BsonDocument> change, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var doc = Actions.FindOne(FieldEquals("tap_key", tapKey)) ?? throw new InvalidOperationException($"no NFC action recorded for tap '{tapKey}'");
            change(doc);
            doc["updated"] = Now();
            Actions.Update(doc);
            _db.Checkpoint();
        }

        return Task.CompletedTask;
    }

    private static NfcActionRecord ToAction(BsonDocument d) => new(
        d["tap_key"].AsString, d["rule"].AsString, d["action"].AsString, d["gateway_id"].AsString,
        d["site"].IsString ? d["site"].AsString : null, d["uid"].AsString,
        Enum.Parse<NfcActionState>(d["state"].AsString, ignoreCase: true), d["attempts"].AsInt32,
        d["result"].IsString ? d["result"].AsString : null, d["detail"].IsString ? d["detail"].AsString : null,
        d["command_id"].IsString ? d["command_id"].AsString : null);
}
