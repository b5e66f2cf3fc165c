using System.Security.Cryptography;

namespace Justice.Casework.Cases;

/// <summary>
/// Where the seed of a verification draw comes from: a cryptographic generator, asked at the moment of the decision,
/// never a value given with the instance input (which parties can read), so nobody can know a draw in advance.
/// The seed is then kept only in the staff-only record of the draw, from which an auditor can re-run it.
/// </summary>
public class SamplingSeeds
{
    public virtual int Next() => RandomNumberGenerator.GetInt32(int.MaxValue);
}
