namespace EdgeGateway.Testing.Fakes.Common;

/// <summary>One request a fake platform received (after fault injection), as the test inspects it.</summary>
public sealed record FakeRequest(string Method, string Path, string Query, string? ContentType, IReadOnlyDictionary<string, string> Headers);
