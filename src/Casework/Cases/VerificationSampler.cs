namespace Justice.Casework.Cases;

/// <summary>
/// "Double random" sampling for post-verification (双随机): from a seed, whether the case is sampled and which verifier
/// checks it. The same seed, rate and pool always give the same draw, so a draw can be re-checked from its record;
/// the seed itself comes from <see cref="SamplingSeeds"/> at the moment of the decision.
/// </summary>
public static class VerificationSampler
{
    public sealed record Draw(int Seed, double Value, bool Sampled, string? Verifier);

    /// <summary>The pool as it is drawn from: trimmed, lower-case, distinct and in a fixed order.</summary>
    public static IReadOnlyList<string> Eligible(IEnumerable<string> pool) =>
        [.. pool.Select(p => p.Trim().ToLowerInvariant()).Where(p => p.Length > 0).Distinct().Order(StringComparer.Ordinal)];

    public static Draw Run(int seed, double rate, IEnumerable<string> pool)
    {
        // System.Random with a seed is stable across .NET versions (the seeded algorithm is kept for compatibility).
        var random = new Random(seed);
        var value = random.NextDouble();
        var eligible = Eligible(pool);
        var sampled = value < rate;
        var verifier = sampled && eligible.Count > 0 ? eligible[random.Next(eligible.Count)] : null;
        return new Draw(seed, value, sampled, verifier);
    }
}
