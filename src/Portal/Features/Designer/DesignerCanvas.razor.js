// The designer canvas's pointer and keyboard plumbing. The server keeps the model and draws the SVG; this file
// only turns browser events into canvas coordinates and hands them over, one call at a time, moves coalesced.

// The designer's clipboard in the browser, so that a copy in one tab can be pasted in another.
const clipKey = 'justice.designer.clipboard';

export function attach(host, dotnet) {
    const svg = host.querySelector('svg.canvas-svg');
    let chain = Promise.resolve();
    let pendingMove = null;
    let pointerId = null;
    let toolDrag = null;

    const call = (method, ...args) => {
        chain = chain.then(() => dotnet.invokeMethodAsync(method, ...args)).catch(() => { });
        return chain;
    };

    const viewport = () => svg.querySelector('g.viewport');

    function info(e) {
        const rect = svg.getBoundingClientRect();
        const point = svg.createSVGPoint();
        point.x = e.clientX;
        point.y = e.clientY;
        const canvas = point.matrixTransform(viewport().getScreenCTM().inverse());
        const under = document.elementFromPoint(e.clientX, e.clientY);
        const node = under?.closest?.('[data-activity-id]');
        const port = under?.closest?.('[data-port]');
        const edge = under?.closest?.('[data-edge-index]');
        const slot = under?.closest?.('[data-slot]');
        return {
            x: canvas.x, y: canvas.y,
            screenX: e.clientX - rect.left, screenY: e.clientY - rect.top,
            button: e.button ?? 0, shift: !!e.shiftKey, ctrl: !!(e.ctrlKey || e.metaKey),
            activityId: node && host.contains(node) ? node.getAttribute('data-activity-id') : null,
            port: port && host.contains(port) ? port.getAttribute('data-port') : null,
            edgeIndex: edge && host.contains(edge) ? Number(edge.getAttribute('data-edge-index')) : null,
            edgeEnd: !!(edge && host.contains(edge) && edge.hasAttribute('data-edge-end')),
            slot: slot && host.contains(slot) ? slot.getAttribute('data-slot') : null,
        };
    }

    function onPointerDown(e) {
        if (e.button !== 0 && e.button !== 1) return;
        pointerId = e.pointerId;
        svg.setPointerCapture(e.pointerId);
        host.focus({ preventScroll: true });
        e.preventDefault();
        call('PointerDown', info(e));
    }

    function onPointerMove(e) {
        if (pointerId !== e.pointerId) return;
        const current = info(e);
        if (pendingMove) { pendingMove.info = current; return; }
        pendingMove = { info: current };
        chain = chain.then(() => {
            const latest = pendingMove.info;
            pendingMove = null;
            return dotnet.invokeMethodAsync('PointerMove', latest);
        }).catch(() => { });
    }

    function onPointerUp(e) {
        if (pointerId !== e.pointerId) return;
        pointerId = null;
        if (svg.hasPointerCapture(e.pointerId)) svg.releasePointerCapture(e.pointerId);
        call('PointerUp', info(e));
    }

    // A double click on a structured activity opens it (its first slot).
    function onDoubleClick(e) {
        const node = e.target.closest?.('[data-activity-id]');
        if (node && host.contains(node) && !e.target.closest('[data-slot]')) call('OpenActivity', node.getAttribute('data-activity-id'));
    }

    function onWheel(e) {
        e.preventDefault();
        const i = info(e);
        call('Wheel', e.deltaY < 0 ? 1.1 : 1 / 1.1, i.screenX, i.screenY);
    }

    const editable = t => t.closest('input, textarea, select, [contenteditable="true"]');

    function onKeyDown(e) {
        if (editable(e.target)) return;
        const ctrl = e.ctrlKey || e.metaKey;
        const handled = ['Delete', 'Backspace', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Escape', '+', '=', '-', '0'].includes(e.key)
            || (ctrl && ['z', 'y', 'a', 'Z', 'c', 'x', 'v', 'C', 'X', 'V'].includes(e.key))
            || ((e.key === 'Enter' || e.key === ' ') && e.target.closest('[data-activity-id]'));
        if (!handled) return;
        e.preventDefault();
        const node = e.target.closest('[data-activity-id]');
        call('Key', { key: e.key, ctrl, shift: e.shiftKey, activityId: node ? node.getAttribute('data-activity-id') : null });
    }

    // Dragging an activity from the toolbox: a ghost follows the pointer; dropped on the canvas it is added there.
    function onToolPointerDown(e) {
        const item = e.target.closest('[data-toolbox-type]');
        if (!item || e.button !== 0) return;
        toolDrag = { item, type: item.getAttribute('data-toolbox-type'), startX: e.clientX, startY: e.clientY, ghost: null, pointerId: e.pointerId };
    }

    function onToolPointerMove(e) {
        if (!toolDrag || toolDrag.pointerId !== e.pointerId) return;
        if (!toolDrag.ghost) {
            if (Math.hypot(e.clientX - toolDrag.startX, e.clientY - toolDrag.startY) < 5) return;
            const ghost = document.createElement('div');
            ghost.className = 'designer-drag-ghost';
            ghost.textContent = toolDrag.item.getAttribute('data-toolbox-name') || toolDrag.type;
            document.body.appendChild(ghost);
            toolDrag.ghost = ghost;
            document.body.classList.add('designer-dragging');
        }
        toolDrag.ghost.style.left = `${e.clientX + 8}px`;
        toolDrag.ghost.style.top = `${e.clientY + 8}px`;
        e.preventDefault();
    }

    function onToolPointerUp(e) {
        if (!toolDrag || toolDrag.pointerId !== e.pointerId) return;
        const drag = toolDrag;
        toolDrag = null;
        if (!drag.ghost) return;
        drag.ghost.remove();
        document.body.classList.remove('designer-dragging');
        // The click that follows a drag must not also add the activity.
        const swallow = ev => { ev.stopPropagation(); ev.preventDefault(); };
        window.addEventListener('click', swallow, { capture: true, once: true });
        setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
        const rect = svg.getBoundingClientRect();
        if (e.clientX < rect.left || e.clientX > rect.right || e.clientY < rect.top || e.clientY > rect.bottom) return;
        const i = info(e);
        call('DropActivity', drag.type, i.x, i.y);
    }

    // Another tab copied: tell the canvas, which reads the clip when it needs it.
    function onStorage(e) {
        if (e.key === clipKey && e.newValue) call('ClipboardStored');
    }

    const resize = new ResizeObserver(() => {
        const rect = svg.getBoundingClientRect();
        call('Resize', rect.width, rect.height);
    });
    resize.observe(svg);

    svg.addEventListener('pointerdown', onPointerDown);
    svg.addEventListener('pointermove', onPointerMove);
    svg.addEventListener('pointerup', onPointerUp);
    svg.addEventListener('pointercancel', onPointerUp);
    svg.addEventListener('wheel', onWheel, { passive: false });
    svg.addEventListener('dblclick', onDoubleClick);
    host.addEventListener('keydown', onKeyDown);
    document.addEventListener('pointerdown', onToolPointerDown);
    document.addEventListener('pointermove', onToolPointerMove);
    document.addEventListener('pointerup', onToolPointerUp);
    window.addEventListener('storage', onStorage);

    return {
        dispose() {
            resize.disconnect();
            svg.removeEventListener('pointerdown', onPointerDown);
            svg.removeEventListener('pointermove', onPointerMove);
            svg.removeEventListener('pointerup', onPointerUp);
            svg.removeEventListener('pointercancel', onPointerUp);
            svg.removeEventListener('wheel', onWheel);
            svg.removeEventListener('dblclick', onDoubleClick);
            host.removeEventListener('keydown', onKeyDown);
            document.removeEventListener('pointerdown', onToolPointerDown);
            document.removeEventListener('pointermove', onToolPointerMove);
            document.removeEventListener('pointerup', onToolPointerUp);
            window.removeEventListener('storage', onStorage);
        },
    };
}

/// Moves keyboard focus to an activity of the canvas (after it was chosen from the problem list).
export function focusActivity(host, id) {
    host.querySelector(`[data-activity-id="${CSS.escape(id)}"]`)?.focus({ preventScroll: true });
}

/// Keeps the designer's last clip (JSON text) for every tab of this browser.
export function saveClip(text) {
    localStorage.setItem(clipKey, text);
}

/// The last clip as UTF-8 bytes, streamed to the server (empty when there is none or storage is switched off).
export function loadClip() {
    let text = null;
    try { text = localStorage.getItem(clipKey); } catch { text = null; }
    return new TextEncoder().encode(text ?? '');
}
