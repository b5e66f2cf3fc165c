namespace Justice.Portal.Designer;

/// <summary>
/// The designer's clipboard, one per circuit (scoped): what is copied in one definition can be pasted into it again
/// or into another definition opened in the same browser tab. The system clipboard is not used.
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

    bool Keep(DesignerClip? clip)
    {
        if (clip is null)
            return false;
        Content = clip;
        return true;
    }
}
