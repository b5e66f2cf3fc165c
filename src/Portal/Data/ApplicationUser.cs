using Microsoft.AspNetCore.Identity;

namespace Justice.Portal.Data;

/// <summary>An account of the portal; staff accounts carry the name, title and unit that documents, task lists and timelines print.</summary>
public class ApplicationUser : IdentityUser
{
    /// <summary>姓名: the person's real name, printed wherever the person acts (never the e-mail).</summary>
    [PersonalData]
    public string? FullName { get; set; }

    /// <summary>职务, e.g. 仲裁秘书.</summary>
    [PersonalData]
    public string? Title { get; set; }

    /// <summary>所属机构, e.g. 衡阳仲裁委员会.</summary>
    [PersonalData]
    public string? Unit { get; set; }
}
