// Scrolls the diagram (not the page) so that the first waiting or faulted activity is in view.
export function reveal(container) {
    const node = container?.querySelector('[data-activity-state="faulted"], [data-activity-state="waiting"]');
    if (!node) return;
    const box = node.getBoundingClientRect();
    const frame = container.getBoundingClientRect();
    container.scrollLeft += box.left - frame.left - (frame.width - box.width) / 2;
    container.scrollTop += box.top - frame.top - (frame.height - box.height) / 2;
}
