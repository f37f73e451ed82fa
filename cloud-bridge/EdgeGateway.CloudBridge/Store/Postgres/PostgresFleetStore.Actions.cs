using System.Globalization;
using EdgeGateway.CloudBridge.Actions;
using Npgsql;

namespace EdgeGateway.CloudBridge.Store.Postgres;

/// <summary>The NFC action ledger and footfall figures in PostgreSQL (tables nfc_actions, site_footfall; migration 2).</summary>
public sealed partial class PostgresFleetStore : INfcActionLedger
{
    private const string ActionColumns = "tap_key, rule, action, gateway_id, site, uid, state, attempts, result, detail, command_id";

    public async Task<NfcActionRecord> ClaimAsync(NfcActionClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var command = _source.CreateCommand($"""
            INSERT INTO nfc_actions (tap_key, rule, action, gateway_id, site, uid, state, attempts, created, updated)
            VALUES (@key, @rule, @action, @gw, @site, @uid, 'pending', 1, @now, @now)
            ON CONFLICT (tap_key) DO UPDATE SET attempts = nfc_actions.attempts + 1, updated = @now
            RETURNING {ActionColumns}
            """);
        command.Parameters.AddWithValue("key", claim.TapKey);
        command.Parameters.AddWithValue("rule", claim.Rule);
        command.Parameters.AddWithValue("action", claim.Action);
        command.Parameters.AddWithValue("gw", claim.GatewayId);
        command.Parameters.AddWithValue("site", (object?)claim.Site ?? DBNull.Value);
        command.Parameters.AddWithValue("uid", claim.Uid);
        command.Parameters.AddWithValue("now", _time.GetUtcNow().UtcDateTime);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new NfcActionRecord(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5),
            Enum.Parse<NfcActionState>(reader.GetString(6), ignoreCase: true), (int)reader.GetInt64(7),
            reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.IsDBNull(10) ? null : reader.GetString(10));
    }

    public Task CompleteAsync(string tapKey, NfcActionState state, string? result, string? detail, CancellationToken cancellationToken) =>
        UpdateActionAsync(tapKey, "state = @state, result = @result, detail = @detail", cancellationToken,
            ("state", state.ToString().ToLowerInvariant()), ("result", result), ("detail", detail));

    public Task MarkCommandSentAsync(string tapKey, string commandId, CancellationToken cancellationToken) =>
        UpdateActionAsync(tapKey, "command_id = @command", cancellationToken, ("command", commandId));

    public async Task SetFootfallAsync(SiteFootfall footfall, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(footfall);
        await using var command = _source.CreateCommand("""
            INSERT INTO site_footfall (site, platform, venue, visits, window_from, window_to, updated)
            VALUES (@site, @platform, @venue, @visits, @from, @to, @now)
            ON CONFLICT (site, platform) DO UPDATE SET venue = @venue, visits = @visits, window_from = @from, window_to = @to, updated = @now
            """);
        command.Parameters.AddWithValue("site", footfall.Site);
        command.Parameters.AddWithValue("platform", footfall.Platform);
        command.Parameters.AddWithValue("venue", footfall.Venue);
        command.Parameters.AddWithValue("visits", footfall.Visits);
        command.Parameters.AddWithValue("from", footfall.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("to", footfall.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("now", _time.GetUtcNow().UtcDateTime);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task UpdateActionAsync(string tapKey, string set, CancellationToken cancellationToken, params (string Name, string? Value)[] values)
    {
        await using var command = _source.CreateCommand($"UPDATE nfc_actions SET {set}, updated = @now WHERE tap_key = @key");
        command.Parameters.AddWithValue("key", tapKey);
        command.Parameters.AddWithValue("now", _time.GetUtcNow().UtcDateTime);
        foreach (var (name, value) in values)
        {
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
        }

        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new InvalidOperationException($"no NFC action recorded for tap '{tapKey}'");
        }
    }
}
