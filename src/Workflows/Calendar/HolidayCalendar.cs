using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justice.Workflows.Calendar;

/// <summary>
/// Rest days and working days of mainland China: weekends, the official holidays and the make-up working days
/// (调休) of the years in the data files. Files are re-read when they change; a year without data falls back to
/// weekends and is warned about once.
/// </summary>
public sealed class HolidayCalendar
{
    readonly string _folder;
    readonly ILogger<HolidayCalendar> _logger;
    readonly ConcurrentDictionary<int, bool> _warned = new();
    readonly Lock _lock = new();
    Snapshot _snapshot = Snapshot.Empty;
    DateTime _checkedAt = DateTime.MinValue;

    public HolidayCalendar(IOptions<CalendarOptions> options, ILogger<HolidayCalendar> logger)
    {
        _folder = options.Value.ResolveFolder();
        _logger = logger;
        Reload();
    }

    sealed record Snapshot(IReadOnlyDictionary<int, (HashSet<DateOnly> Off, HashSet<DateOnly> Work)> Years, DateTime Stamp)
    {
        public static readonly Snapshot Empty = new(new Dictionary<int, (HashSet<DateOnly>, HashSet<DateOnly>)>(), DateTime.MinValue);
    }

    /// <summary>The years the data covers.</summary>
    public IReadOnlyCollection<int> Years => Current.Years.Keys.Order().ToList();

    public bool HasData(int year) => Current.Years.ContainsKey(year);

    public bool IsWorkingDay(DateOnly day)
    {
        var snapshot = Current;
        if (snapshot.Years.TryGetValue(day.Year, out var year))
        {
            if (year.Work.Contains(day))
                return true;
            if (year.Off.Contains(day))
                return false;
        }
        else if (_warned.TryAdd(day.Year, true))
        {
            _logger.LogWarning("{Year} 年没有节假日数据（{Folder}）：按周六、周日为休息日计算期间。请补充国务院当年的放假安排。", day.Year, _folder);
        }
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    public bool IsRestDay(DateOnly day) => !IsWorkingDay(day);

    /// <summary>The day itself when it is a working day, else the next working day.</summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly day)
    {
        while (IsRestDay(day))
            day = day.AddDays(1);
        return day;
    }

    Snapshot Current
    {
        get
        {
            if (DateTime.UtcNow - _checkedAt > TimeSpan.FromSeconds(30))
                Reload();
            return _snapshot;
        }
    }

    void Reload()
    {
        lock (_lock)
        {
            _checkedAt = DateTime.UtcNow;
            if (!Directory.Exists(_folder))
            {
                if (_snapshot == Snapshot.Empty)
                    _logger.LogWarning("节假日数据目录 {Folder} 不存在：按周末计算期间。", _folder);
                return;
            }
            var files = Directory.GetFiles(_folder, "*.json");
            var stamp = files.Length == 0 ? DateTime.MinValue : files.Max(File.GetLastWriteTimeUtc);
            if (stamp == _snapshot.Stamp && _snapshot != Snapshot.Empty)
                return;
            var years = new Dictionary<int, (HashSet<DateOnly> Off, HashSet<DateOnly> Work)>();
            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                try
                {
                    Merge(years, JsonNode.Parse(File.ReadAllText(file)) as JsonObject);
                }
                catch (Exception ex) when (ex is JsonException or FormatException or IOException)
                {
                    _logger.LogError(ex, "节假日数据文件 {File} 无法读取，已忽略。", file);
                }
            }
            _snapshot = new Snapshot(years, stamp);
            _warned.Clear();
        }
    }

    static void Merge(Dictionary<int, (HashSet<DateOnly> Off, HashSet<DateOnly> Work)> years, JsonObject? document)
    {
        if (document?["years"] is not JsonObject byYear)
            return;
        foreach (var (key, value) in byYear)
        {
            if (!int.TryParse(key, out var year) || value is not JsonObject data)
                continue;
            var off = Dates(data["off"]);
            var work = Dates(data["workdays"]);
            if (off.Count == 0 && work.Count == 0)
                continue;
            if (!years.TryGetValue(year, out var entry))
                years[year] = entry = ([], []);
            entry.Off.UnionWith(off);
            entry.Work.UnionWith(work);
        }
    }

    static HashSet<DateOnly> Dates(JsonNode? node) =>
        node is JsonArray array
            ? array.Select(d => DateOnly.ParseExact(d!.GetValue<string>(), "yyyy-MM-dd")).ToHashSet()
            : [];
}

/// <summary>Where the holiday data is (configuration section <c>Calendar</c>).</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    /// <summary>The folder of holiday data files; default <c>calendar/</c> beside the binaries.</summary>
    public string? Folder { get; set; }

    /// <summary>The time zone in which periods are counted and expire (at 24:00 of their last day).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public string ResolveFolder()
    {
        if (!string.IsNullOrWhiteSpace(Folder))
            return Path.GetFullPath(Folder);
        var beside = Path.Combine(AppContext.BaseDirectory, "calendar");
        if (Directory.Exists(beside))
            return beside;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "calendar");
            if (File.Exists(Path.Combine(candidate, "cn-holidays.json")))
                return candidate;
        }
        return beside;
    }
}
