using System.Globalization;
using EdgeGateway.Edge.Outbox;
using LiteDB;

namespace EdgeGateway.OutboxDriver;

/// <summary>
/// `inspect DBPATH`: prints one line per stream of a stopped gateway's outbox, "stream next_seq shed queued", so the
/// soak script can compare what the gateway numbered with what the bridge stored (queued = still waiting to be sent). Works on a copy: opening the file
/// directly would replay its log into it, and the soak keeps the original as evidence.
/// </summary>
internal static class OutboxInspection
{
    public static int Run(string databasePath, TextWriter output)
    {
        var copy = Directory.CreateTempSubdirectory("outbox-inspect-");
        try
        {
            foreach (var file in new[] { databasePath, LogPath(databasePath) }.Where(File.Exists))
            {
                File.Copy(file, Path.Combine(copy.FullName, Path.GetFileName(file)));
            }

            using var db = new LiteDatabase(new ConnectionString { Filename = Path.Combine(copy.FullName, Path.GetFileName(databasePath)), Connection = ConnectionType.Direct });
            foreach (var doc in db.GetCollection("streams").FindAll())
            {
                var queued = db.GetCollection(doc["c"].AsString).FindAll().Sum(chunk => OutboxChunk.Measure(chunk).Count);
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{doc["_id"].AsString} {doc["next"].AsInt64} {doc["shed"].AsInt64} {queued}"));
            }

            return 0;
        }
        finally
        {
            copy.Delete(recursive: true);
        }
    }

    private static string LogPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path) ?? ".", Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));
}
