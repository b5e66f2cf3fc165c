using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Justice.Casework.Calendar;

/// <summary>
/// Rest days and working days of mainland China: weekends, the official holidays and the make-up working days
/// (调休) of the years in the data files. Files are re-read when they change. A year without data counts weekends
/// and the holidays the law itself fixes (<see cref="StatutoryHolidays"/>), without make-up days; answers that
/// depend on such a year are provisional, and the year is warned about once.
/// </summary>
public sealed class HolidayCalendar
{
    readonly string _folder;
    readonly ILogger<HolidayCalendar> _logger;
    readonly TimeProvider _clock;
    readonly ConcurrentDictionary<int, bool> _warned = new();
    readonly ConcurrentDictionary<int, HashSet<DateOnly>> _statutory = new();
    readonly Lock _lock = new();
    Snapshot _snapshot = Snapshot.Empty;
    DateTimeOffset _checkedAt = DateTimeOffset.MinValue;
    bool _loaded;

    public HolidayCalendar(IOptions<CalendarOptions> options, ILogger<HolidayCalendar> logger, TimeProvider? clock = null)
    {
        _folder = options.Value.ResolveFolder();
        _logger = logger;
        _clock = clock ?? TimeProvider.System;
        Reload();
    }

    /// <summary>Goes up each time the files are re-read with a change: periods counted before may now end elsewhere.</summary>
    public int Revision { get; private set; }

    sealed record Snapshot(IReadOnlyDictionary<int, (HashSet<DateOnly> Off, HashSet<DateOnly> Work)> Years, string Stamp)
    {
        public static readonly Snapshot Empty = new(new Dictionary<int, (HashSet<DateOnly>, HashSet<DateOnly>)>(), "");
    }

    /// <summary>The years the data covers.</summary>
    public IReadOnlyCollection<int> Years => Current.Years.Keys.Order().ToList();

    public bool HasData(int year) => Current.Years.ContainsKey(year);

    /// <summary>Whether days of the year are counted without its official data (from the law alone).</summary>
    public bool IsProvisional(int year) => !HasData(year);

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
        else
        {
            if (_warned.TryAdd(day.Year, true))
                _logger.LogWarning("{Year} 年没有节假日数据（{Folder}）：暂按周末和《全国年节及纪念日放假办法》规定的节日计算期间，结果为暂定。请补充国务院当年的放假安排。", day.Year, _folder);
            if (_statutory.GetOrAdd(day.Year, y => StatutoryHolidays.For(y).Select(h => h.Day).ToHashSet()).Contains(day))
                return false;
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
            if (_clock.GetUtcNow() - _checkedAt > TimeSpan.FromSeconds(30))
                Reload();
            return _snapshot;
        }
    }

    void Reload()
    {
        lock (_lock)
        {
            _checkedAt = _clock.GetUtcNow();
            if (!Directory.Exists(_folder))
            {
                if (_snapshot == Snapshot.Empty)
                    _logger.LogWarning("节假日数据目录 {Folder} 不存在：按周末计算期间。", _folder);
                return;
            }
            var files = Directory.GetFiles(_folder, "*.json");
            // Names, sizes and times of all files: a file copied in with an older time still counts as a change.
            var stamp = string.Join('|', files.Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)}:{new FileInfo(f).Length}:{File.GetLastWriteTimeUtc(f).Ticks}"));
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
            if (_loaded && !SameData(_snapshot.Years, years))
                Revision++;
            _loaded = true;
            _snapshot = new Snapshot(years, stamp);
            _warned.Clear();
        }
    }

    /// <summary>Re-reads the files now when they changed (otherwise at most every 30 seconds on use).</summary>
    public void Refresh() => Reload();

    static bool SameData(IReadOnlyDictionary<int, (HashSet<DateOnly> Off, HashSet<DateOnly> Work)> a, Dictionary<int, (HashSet<DateOnly> Off, HashSet<DateOnly> Work)> b) =>
        a.Count == b.Count && a.All(y => b.TryGetValue(y.Key, out var other) && y.Value.Off.SetEquals(other.Off) && y.Value.Work.SetEquals(other.Work));

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

    /// <summary>How often the folder is looked at for new data, to count running periods again.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

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
