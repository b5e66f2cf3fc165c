using System.Text.Json.Nodes;
using Justice.Casework.Calendar;
using Justice.Casework.Records;
using Justice.Casework.Rules;
using Justice.Workflows.Common;
using Justice.Workflows.Runtime;

namespace Justice.Casework.Cases;

/// <summary>Starts, pauses and resumes the statutory periods of a case, from its rule set and the statutory calendar.</summary>
public sealed class PeriodPlanner(StatutoryCalendar calendar, RuleSetProvider ruleSets)
{
    public StatutoryCalendar Calendar => calendar;

    /// <summary>The rule set of the case: the one it keeps, else the one in force today.</summary>
    public RuleSet RulesOf(CaseRecord record, DateOnly today) =>
        record.RuleSetJson is { } json ? new RuleSet((JsonObject)JsonNode.Parse(json)!) : ruleSets.InForce(record.Kind, today);

    /// <summary>A new running period; amount and unit come from the rule set unless given.</summary>
    public CasePeriod Plan(CaseRecord record, string code, DateOnly from, DateOnly today, string? label = null, int? amount = null, PeriodUnit? unit = null)
    {
        PeriodRule rule;
        if (amount is { } a)
            rule = new PeriodRule(code, label ?? code, a, unit ?? PeriodUnit.Days);
        else
            rule = RulesOf(record, today).Period(code, record.Procedure);
        return new CasePeriod
        {
            Id = Ulid.NewId(),
            CaseId = record.Id,
            InstanceId = record.InstanceId,
            Code = code,
            Label = label ?? rule.Label,
            Unit = rule.Unit.ToText(),
            Amount = rule.Amount,
            StartOn = from,
            DueOn = calendar.Due(from, rule.Amount, rule.Unit),
        };
    }

    public DateTimeOffset ExpiresAt(CasePeriod period) => calendar.ExpiresAt(period.DueOn);

    /// <summary>Stops the clock: what is left is kept (in days, or working days for working-day periods).</summary>
    public void Pause(CasePeriod period, DateOnly today, string reason)
    {
        var unit = PeriodUnits.Parse(period.Unit);
        period.RemainingWhenPaused = Math.Max(0, calendar.Remaining(today, period.DueOn, unit == PeriodUnit.WorkingDays ? unit : PeriodUnit.Days));
        period.PausedOn = today;
        period.PauseReason = reason;
        period.Status = PeriodStatus.Paused;
    }

    /// <summary>Restarts the clock from today with what was left; returns the new last day.</summary>
    public DateOnly Resume(CasePeriod period, DateOnly today)
    {
        var unit = PeriodUnits.Parse(period.Unit);
        var left = period.RemainingWhenPaused ?? 0;
        period.DueOn = calendar.Due(today, left, unit == PeriodUnit.WorkingDays ? unit : PeriodUnit.Days);
        period.ResumedOn = today;
        period.LeftWhenResumed = left;
        period.Status = PeriodStatus.Running;
        period.PausedOn = null;
        period.RemainingWhenPaused = null;
        return period.DueOn;
    }

    /// <summary>The last day of a running period counted again with today's calendar (from its start, or from its last resumption).</summary>
    public DateOnly Recount(CasePeriod period)
    {
        var unit = PeriodUnits.Parse(period.Unit);
        return period.ResumedOn is { } resumed
            ? calendar.Due(resumed, period.LeftWhenResumed ?? 0, unit == PeriodUnit.WorkingDays ? unit : PeriodUnit.Days)
            : calendar.Due(period.StartOn, period.Amount, unit);
    }

    /// <summary>Whether the period's last day was counted through a year without official holiday data.</summary>
    public bool IsProvisional(CasePeriod period) => calendar.IsProvisional(period.StartOn, period.DueOn);
}
