namespace EdgeGateway.Fuzzing.Targets;

/// <summary>A config file with the fuzz input as its content, removed on dispose.</summary>
internal sealed class ScratchFile : IDisposable
{
    public ScratchFile(ReadOnlySpan<byte> content)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"edgegw-fuzz-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        using var stream = File.Create(Path);
        stream.Write(content);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
