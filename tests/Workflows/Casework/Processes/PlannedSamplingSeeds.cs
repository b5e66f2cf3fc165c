using Justice.Casework.Cases;

namespace Justice.Workflows.Tests.Casework.Processes;

/// <summary>The seed the next verification draws use, chosen by a test so that it can take the sampled or the other branch; none draws as in production.</summary>
public sealed class PlannedSamplingSeeds : SamplingSeeds
{
    public int? Seed { get; set; }

    public override int Next() => Seed ?? base.Next();
}
