namespace Justice.Portal.Demo;

/// <summary>
/// The system clock, except inside a demo flow: there the flow sets its own "now" (the filing date of a
/// historical case and the days that pass after it), so demo cases carry realistic dates. Each flow has its own
/// time (an async-local value); everything else sees real time.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    static readonly AsyncLocal<DateTimeOffset?> Current = new();
    static long _offsetTicks;

    /// <summary>How far the test clock (Development and test environments only) has moved the whole portal on.</summary>
    public static TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public static void MoveOn(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => Current.Value ?? base.GetUtcNow() + Offset;

    public static void Set(DateTimeOffset now) => Current.Value = now;

    public static void Advance(TimeSpan by) => Current.Value = (Current.Value ?? DateTimeOffset.UtcNow) + by;

    public static void Reset() => Current.Value = null;
}
