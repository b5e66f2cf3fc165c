using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Justice.Portal.Features.Designer;

/// <summary>
/// The canvas's gestures: drag to move the selection, drag from a port to an activity to connect, drag the arrow end of
/// a connection to another activity to reconnect it, drag the background to pan (with Shift: select an area), wheel to
/// zoom, drop from the toolbox to add; Ctrl+C, Ctrl+X and Ctrl+V copy, cut and paste (DesignerCanvas.Clipboard.cs).
/// The browser reports pointer positions (DesignerCanvas.razor.js); the model does the edits, so every gesture is one
/// undo step.
/// </summary>
public sealed partial class DesignerCanvas
{
    [Parameter, EditorRequired] public DesignerModel Model { get; set; } = default!;

    [Parameter, EditorRequired] public DesignerViewport Viewport { get; set; } = default!;

    /// <summary>Raised when the selection or the view changed without an edit (the page re-renders its panel).</summary>
    [Parameter] public EventCallback OnSelectionChanged { get; set; }

    /// <summary>Where the pointer is, in canvas and screen coordinates, and what is under it (<paramref name="EdgeEnd"/>: a connection's arrow end).</summary>
    public sealed record PointerInfo(double X, double Y, double ScreenX, double ScreenY, int Button, bool Shift, bool Ctrl, string? ActivityId, string? Port, int? EdgeIndex, bool EdgeEnd = false, string? Slot = null);

    public sealed record KeyInfo(string Key, bool Ctrl, bool Shift, string? ActivityId);

    enum Gesture { None, Drag, Connect, Reconnect, Pan, Band }

    /// <summary>How near (in screen pixels) to a connection's arrow a press grabs its end to reconnect it.</summary>
    const double EndGrabRadius = 16;

    ElementReference host;
    IJSObjectReference? module, handle;
    DotNetObjectReference<DesignerCanvas>? self;
    Gesture gesture;
    double startX, startY, startScreenX, startScreenY, startPanX, startPanY, pointerX, pointerY, dragX, dragY;
    bool moved, opened;
    string? connectSource, connectPort, hoverTarget, pressedSlot, scopeKey;
    int? reconnectEdge;
    HashSet<string> dragging = [];
    Dictionary<string, DesignerNode> placed = [];

    protected override void OnParametersSet()
    {
        // Another flowchart opened (a slot, or back up the breadcrumb): show it whole, as when the page opened.
        var key = string.Join("/", Model.Scope.Select(s => $"{s.ActivityId}:{s.Slot}"));
        if (scopeKey is not null && key != scopeKey && opened)
        {
            gesture = Gesture.None;
            dragging = [];
            Viewport.Open(Model.Bounds);
        }
        scopeKey = key;
        Place();
    }

    /// <summary>The nodes where they are drawn now: moved by the drag in progress, snapped as the drop will snap them.</summary>
    void Place()
    {
        placed = new Dictionary<string, DesignerNode>(StringComparer.Ordinal);
        foreach (var node in Model.Nodes)
        {
            placed.TryAdd(node.Id, dragging.Contains(node.Id)
                ? node with { X = DesignerModel.Snap(node.X + dragX), Y = DesignerModel.Snap(node.Y + dragY) }
                : node);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
            return;
        self = DotNetObjectReference.Create(this);
        try
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Designer/DesignerCanvas.razor.js");
            handle = await module.InvokeAsync<IJSObjectReference>("attach", host, self);
        }
        catch (Exception) when (disposed)
        {
            return;
        }
        if (disposed)
        {
            // The page went away while the listeners were being attached: take them off again at once.
            await DetachAsync();
            return;
        }
        await ClipboardStored();
    }

    /// <summary>Shows the whole definition (the "fit" button).</summary>
    public void Fit()
    {
        Viewport.Fit(Model.Bounds);
        StateHasChanged();
    }

    /// <summary>Selects an activity and brings it into view (from the problem list).</summary>
    public async Task RevealAsync(string activityId)
    {
        if (Model.Find(activityId) is not { } node)
            return;
        Model.Selection.Select(activityId);
        Viewport.Reveal(node.X, node.Y, node.Right, node.Bottom);
        StateHasChanged();
        if (module is not null)
            await module.InvokeVoidAsync("focusActivity", host, activityId);
    }

    [JSInvokable]
    public Task Resize(double width, double height)
    {
        Viewport.Width = width;
        Viewport.Height = height;
        if (!opened && width > 0 && height > 0)
        {
            opened = true;
            Viewport.Open(Model.Bounds);
        }
        StateHasChanged();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public async Task PointerDown(PointerInfo p)
    {
        (startX, startY, pointerX, pointerY) = (p.X, p.Y, p.X, p.Y);
        (startScreenX, startScreenY, startPanX, startPanY) = (p.ScreenX, p.ScreenY, Viewport.X, Viewport.Y);
        moved = false;
        pressedSlot = p.ActivityId is not null && p.Port is null ? p.Slot : null;
        if (p.ActivityId is { } id && p.Port is { } port && p.Button == 0)
        {
            (gesture, connectSource, connectPort) = (Gesture.Connect, id, port);
        }
        else if (p.ActivityId is { } activity && p.Button == 0)
        {
            if (p.Ctrl || p.Shift)
                Model.Selection.Select(activity, toggle: true);
            else if (!Model.Selection.Contains(activity))
                Model.Selection.Select(activity);
            gesture = Model.Selection.Contains(activity) ? Gesture.Drag : Gesture.None;
            dragging = gesture == Gesture.Drag ? [.. Model.Selection.Activities] : [];
            (dragX, dragY) = (0, 0);
        }
        else if (p.EdgeIndex is { } edge && p.Button == 0)
        {
            Model.Selection.SelectConnection(edge, toggle: p.Ctrl || p.Shift);
            gesture = !p.Ctrl && !p.Shift && (p.EdgeEnd || NearTargetEnd(edge, p.X, p.Y)) ? Gesture.Reconnect : Gesture.None;
            reconnectEdge = gesture == Gesture.Reconnect ? edge : null;
        }
        else
        {
            gesture = p.Shift && p.Button == 0 ? Gesture.Band : Gesture.Pan;
        }
        Place();
        await OnSelectionChanged.InvokeAsync();
    }

    [JSInvokable]
    public Task PointerMove(PointerInfo p)
    {
        (pointerX, pointerY) = (p.X, p.Y);
        moved |= Math.Abs(p.ScreenX - startScreenX) + Math.Abs(p.ScreenY - startScreenY) > 3;
        switch (gesture)
        {
            case Gesture.Drag:
                (dragX, dragY) = (p.X - startX, p.Y - startY);
                Place();
                break;
            case Gesture.Connect:
                hoverTarget = p.ActivityId != connectSource ? p.ActivityId : null;
                break;
            case Gesture.Reconnect:
                hoverTarget = p.ActivityId != ReconnectingEdge?.Source ? p.ActivityId : null;
                break;
            case Gesture.Pan:
                Viewport.X = startPanX + p.ScreenX - startScreenX;
                Viewport.Y = startPanY + p.ScreenY - startScreenY;
                break;
            case Gesture.None:
                return Task.CompletedTask;
        }
        StateHasChanged();
        return Task.CompletedTask;
    }

    [JSInvokable]
    public async Task PointerUp(PointerInfo p)
    {
        var done = gesture;
        gesture = Gesture.None;
        hoverTarget = null;
        switch (done)
        {
            case Gesture.Drag:
                var ids = dragging;
                dragging = [];
                var (dx, dy) = (p.X - startX, p.Y - startY);
                Place();
                if (moved)
                    Model.Move(ids, dx, dy);
                // A click on a slot of a structured activity opens it.
                else if (pressedSlot is { } slot && p.Slot == slot && p.ActivityId is { } owner && !p.Ctrl && !p.Shift)
                    Model.Open(owner, slot);
                break;
            case Gesture.Connect when p.ActivityId is { } target && target != connectSource:
                Model.Connect(connectSource!, connectPort!, target);
                break;
            // Dropped anywhere but on another activity, the connection stays as it was.
            case Gesture.Reconnect when moved && p.ActivityId is { } target && reconnectEdge is { } edge:
                Model.Reconnect(edge, target);
                break;
            case Gesture.Pan when !moved:
                Model.Selection.Clear();
                break;
            case Gesture.Band:
                Model.SelectArea(startX, startY, p.X, p.Y, add: p.Ctrl);
                break;
        }
        connectSource = connectPort = null;
        reconnectEdge = null;
        await OnSelectionChanged.InvokeAsync();
    }

    DesignerEdge? ReconnectingEdge => reconnectEdge is { } index ? Model.Edges.FirstOrDefault(e => e.Index == index) : null;

    /// <summary>True when (x, y) is close to the arrow at the target end of the connection.</summary>
    bool NearTargetEnd(int edgeIndex, double x, double y)
    {
        if (Model.Edges.FirstOrDefault(e => e.Index == edgeIndex) is not { } edge || !placed.TryGetValue(edge.Target, out var target))
            return false;
        var (ex, ey) = target.InPoint;
        return Math.Sqrt((x - ex) * (x - ex) + (y - ey) * (y - ey)) <= EndGrabRadius / Viewport.Zoom;
    }

    /// <summary>A double click on a structured activity opens its first slot that holds something to open (else its first empty one).</summary>
    [JSInvokable]
    public async Task OpenActivity(string activityId)
    {
        OpenFirstSlot(activityId);
        await OnSelectionChanged.InvokeAsync();
    }

    bool OpenFirstSlot(string activityId)
    {
        var slots = Model.SlotsOf(activityId);
        var slot = slots.FirstOrDefault(s => s is { CanOpen: true, IsEmpty: false }) ?? slots.FirstOrDefault(s => s is { IsEmpty: true, IsSingle: true });
        return slot is not null && Model.Open(activityId, slot.Key);
    }

    [JSInvokable]
    public async Task Wheel(double factor, double screenX, double screenY)
    {
        Viewport.ZoomAt(factor, screenX, screenY);
        await OnSelectionChanged.InvokeAsync();
    }

    [JSInvokable]
    public async Task DropActivity(string type, double x, double y)
    {
        if (!Model.Knows(type) || !Model.IsFlowchart)
            return;
        Model.AddActivity(type, x - NodeGeometry.DefaultWidth / 2, y - NodeGeometry.DefaultHeight / 2);
        await OnSelectionChanged.InvokeAsync();
    }

    [JSInvokable]
    public async Task Key(KeyInfo key)
    {
        var step = key.Shift ? 1 : DesignerModel.Grid;
        switch (key.Key)
        {
            case "Delete" or "Backspace":
                Model.DeleteSelection();
                break;
            case "ArrowLeft" or "ArrowRight" or "ArrowUp" or "ArrowDown":
                var (dx, dy) = key.Key switch { "ArrowLeft" => (-step, 0d), "ArrowRight" => (step, 0d), "ArrowUp" => (0d, -step), _ => (0d, step) };
                Model.Move(Model.Selection.Activities.ToList(), dx, dy, coalesceKey: "nudge:" + string.Join(",", Model.Selection.Activities.Order()));
                break;
            case "Escape":
                Model.Selection.Clear();
                gesture = Gesture.None;
                break;
            case "z" or "Z" when key.Ctrl && key.Shift:
            case "y" when key.Ctrl:
                Model.Redo();
                break;
            case "z" when key.Ctrl:
                Model.Undo();
                break;
            case "a" when key.Ctrl:
                Model.SelectAll();
                break;
            case "c" or "C" when key.Ctrl:
                await CopyAsync();
                return;
            case "x" or "X" when key.Ctrl:
                await CutAsync();
                return;
            case "v" or "V" when key.Ctrl:
                await PasteAsync();
                return;
            case "+" or "=":
                Viewport.ZoomBy(1.2);
                break;
            case "-":
                Viewport.ZoomBy(1 / 1.2);
                break;
            case "0":
                Viewport.Fit(Model.Bounds);
                break;
            case "Enter" when key.ActivityId is { } id && !key.Ctrl && OpenFirstSlot(id):
                break;
            case "Enter" or " " when key.ActivityId is { } id:
                Model.Selection.Select(id, toggle: key.Ctrl);
                break;
        }
        await OnSelectionChanged.InvokeAsync();
    }

    bool disposed;

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        await DetachAsync();
    }

    async Task DetachAsync()
    {
        try
        {
            if (Interlocked.Exchange(ref handle, null) is { } attached)
            {
                await attached.InvokeVoidAsync("dispose");
                await attached.DisposeAsync();
            }
            if (Interlocked.Exchange(ref module, null) is { } loaded)
                await loaded.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; so is the page.
        }
        self?.Dispose();
    }
}
