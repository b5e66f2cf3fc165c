namespace Justice.Portal.Features.Designer;

/// <summary>
/// The designer's clipboard in the circuit (scoped). The canvas also keeps the last clip in the browser's local
/// storage, so that a copy in one tab can be pasted in another, and after the page was left and opened again; this
/// holds what was copied here or read from there. The system clipboard is not used.
/// </summary>
public sealed class DesignerClipboard
{
    public DesignerClip? Content { get; private set; }

    public bool CanPaste => Content is not null;

    /// <summary>Copies the model's selected activities; false (the clipboard unchanged) when none is selected.</summary>
    public bool Copy(DesignerModel model) => Keep(model.Copy());

    /// <summary>Copies and removes the model's selected activities, one undo step; false when none is selected.</summary>
    public bool Cut(DesignerModel model) => Keep(model.Cut());

    /// <summary>Pastes into the model; the new activities' ids (selected), none when the clipboard is empty.</summary>
    public IReadOnlyList<string> Paste(DesignerModel model) => Content is null ? [] : model.Paste(Content);

    /// <summary>Takes a clip copied elsewhere (another tab) as the one to paste.</summary>
    public void Remember(DesignerClip clip) => Content = clip;

    bool Keep(DesignerClip? clip)
    {
        if (clip is null)
            return false;
        Content = clip;
        return true;
    }
}
