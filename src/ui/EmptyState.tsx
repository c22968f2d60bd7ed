/** What an empty list means, and what will appear in it. */
export function EmptyState({ connected, imported }: { connected: boolean; imported: boolean }) {
  if (imported) {
    return (
      <div class="empty" role="note" data-empty="imported">
        <p>The imported file holds no sockets.</p>
      </div>
    );
  }
  return (
    <div class="empty" role="note" data-empty="live">
      <p class="empty-title">No WebSockets yet</p>
      <p>
        Every WebSocket this page or its frames open appears here as it is created, with its whole
        life: open, listeners, messages, close, and any leak.
      </p>
      <p>
        Sockets opened before the extension was installed or enabled are not seen: reload the page
        to capture them.
      </p>
      {!connected && <p class="empty-status">Connecting to the extension…</p>}
    </div>
  );
}
