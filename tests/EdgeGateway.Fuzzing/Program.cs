using EdgeGateway.Fuzzing;
using SharpFuzz;

// edgegw fuzz harness (see docs/RELIABILITY.md):
//   EdgeGateway.Fuzzing TARGET                  one AFL++ fork-server child via SharpFuzz (input on stdin / file)
//   EdgeGateway.Fuzzing --seeds DIR             writes every target's seed corpus to DIR/<target>/
//   EdgeGateway.Fuzzing --replay TARGET PATH... runs files (a crash AFL++ found) in-process, printing the exception
if (args is ["--seeds", var seedRoot])
{
    foreach (var target in FuzzTargets.Create())
    {
        var dir = Directory.CreateDirectory(Path.Combine(seedRoot, target.Name));
        for (var i = 0; i < target.Seeds.Count; i++)
        {
            File.WriteAllBytes(Path.Combine(dir.FullName, $"seed-{i:D2}"), target.Seeds[i]);
        }
    }

    return 0;
}

if (args is ["--replay", var replayName, .. var paths] && FuzzTargets.Find(replayName) is { } replayTarget)
{
    var failed = 0;
    foreach (var path in paths)
    {
        try
        {
            replayTarget.Run(File.ReadAllBytes(path));
        }
        catch (Exception ex)
        {
            failed++;
            Console.Error.WriteLine($"{path}: {ex}");
        }
    }

    Console.WriteLine($"{paths.Length - failed} passed, {failed} failed");
    return failed == 0 ? 0 : 1;
}

if (args is [var name] && FuzzTargets.Find(name) is { } fuzzTarget)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        fuzzTarget.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    });
    return 0;
}

Console.Error.WriteLine($"usage: EdgeGateway.Fuzzing TARGET | --seeds DIR | --replay TARGET FILE...; targets: {string.Join(", ", FuzzTargets.Create().Select(t => t.Name))}");
return 2;
