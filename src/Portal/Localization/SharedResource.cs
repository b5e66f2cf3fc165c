using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace Justice.Portal.Localization;

/// <summary>
/// The portal's words (<c>SharedResource.resx</c>, Chinese, also the key; <c>SharedResource.en.resx</c>, English):
/// pages and services take an <c>IStringLocalizer&lt;SharedResource&gt;</c> named <c>T</c> and write <c>T["…"]</c>.
/// </summary>
public sealed class SharedResource;
