using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Justice.Portal.Features.Designer;

/// <summary>
/// Copy, cut and paste on the canvas. The clip is kept in the tab's <see cref="DesignerClipboard"/> and in the
/// browser's local storage, so that another tab of the same browser (or this page opened again) can paste it.
/// </summary>
public sealed partial class DesignerCanvas
{
    /// <summary>The largest clip read back from the browser's storage (whose own limit is about 5 MB).</summary>
    const long MaxClipBytes = 8 * 1024 * 1024;

    [Inject] DesignerClipboard Clipboard { get; set; } = default!;

    /// <summary>Copies the selected activities, here and into the browser's storage.</summary>
    public async Task CopyAsync()
    {
        if (Clipboard.Copy(Model))
            await StoreClipAsync();
        await OnSelectionChanged.InvokeAsync();
    }

    /// <summary>Cuts the selected activities (one undo step), keeping them here and in the browser's storage.</summary>
    public async Task CutAsync()
    {
        if (Clipboard.Cut(Model))
            await StoreClipAsync();
        await OnSelectionChanged.InvokeAsync();
    }

    /// <summary>Pastes the last clip copied in this browser, in this tab or another.</summary>
    public async Task PasteAsync()
    {
        await LoadClipAsync();
        Clipboard.Paste(Model);
        await OnSelectionChanged.InvokeAsync();
    }

    /// <summary>Another tab copied something (or the canvas just opened): the paste button learns there is a clip.</summary>
    [JSInvokable]
    public async Task ClipboardStored()
    {
        var had = Clipboard.CanPaste;
        await LoadClipAsync();
        if (Clipboard.CanPaste != had)
            await OnSelectionChanged.InvokeAsync();
    }

    async Task StoreClipAsync()
    {
        if (module is null || Clipboard.Content is not { } clip)
            return;
        try
        {
            await module.InvokeVoidAsync("saveClip", clip.ToJson());
        }
        catch (JSException)
        {
            // Storage full or switched off: the clip stays in this tab.
        }
    }

    /// <summary>Reads the clip from the browser's storage as a stream (a large clip exceeds one SignalR message).</summary>
    async Task LoadClipAsync()
    {
        if (module is null)
            return;
        try
        {
            await using var reference = await module.InvokeAsync<IJSStreamReference>("loadClip");
            if (reference.Length == 0)
                return;
            await using var stream = await reference.OpenReadStreamAsync(MaxClipBytes);
            using var reader = new StreamReader(stream);
            if (DesignerClip.FromJson(await reader.ReadToEndAsync()) is { } clip)
                Clipboard.Remember(clip);
        }
        catch (Exception ex) when (ex is JSException or IOException or InvalidOperationException)
        {
            // Nothing readable there: what was copied in this tab, if anything, is pasted.
        }
    }
}
