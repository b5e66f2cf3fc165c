using Justice.Casework.Cases;

namespace Justice.Portal.Demo;

/// <summary>
/// Lets a demo flow choose the seed of its own verification draw, so that every branch (sampled or not) gets demo
/// cases; every other draw, and every draw outside the demo flows, comes from the cryptographic generator.
/// </summary>
public sealed class DemoSamplingSeeds : SamplingSeeds
{
    static readonly AsyncLocal<int?> Planned = new();

    /// <summary>The seed of the draws that follow in this demo flow only.</summary>
    public static void Plan(int seed) => Planned.Value = seed;

    public override int Next() => Planned.Value ?? base.Next();
}
