// Single-key shortcuts, ignored while typing in a field (Escape leaves the field).
export function onShortcut(handlers) {
  document.addEventListener('keydown', event => {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
    if (typing) {
      if (event.key === 'Escape') target.blur();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const handler = handlers[event.key];
    if (handler) {
      event.preventDefault();
      handler();
    }
  });
}
