namespace Justice.Workflows.Expressions;

/// <summary>The zone whose local date scripts see as <c>today()</c> (the statutory calendar's, when the host has one).</summary>
public interface IScriptTimeZone
{
    TimeZoneInfo Zone { get; }
}
