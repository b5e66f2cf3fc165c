using Justice.Portal.Data;
using Justice.Portal.Features.Admin;

namespace Justice.Portal.Demo;

/// <summary>The demo staff's fixed names for the account seeder.</summary>
public sealed class DemoStaffNames : IDemoStaffNames
{
    public StaffProfile? For(string email) => DemoStaff.For(email) is { } p ? new StaffProfile(p.FullName, p.Title, p.Unit) : null;
}
