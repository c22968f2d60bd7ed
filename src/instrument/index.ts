import type { RelayToHook } from '../protocol/messages';
import { openChannel } from './channel';
import { installCloak } from './cloak';
import { saveNatives } from './natives';
import { Recorder } from './recorder';
import { stackCapturer } from './stack-capture';
import { installWebSocketHook } from './websocket-hook';

/**
 * Starts the page hook in `win`. Runs at document_start in the MAIN world, before any page
 * script; everything it needs from the page's realm is saved first.
 */
export function startHook(win: typeof globalThis): void {
  const N = saveNatives(win);
  const recorder = new Recorder(N);
  installWebSocketHook({
    win,
    N,
    recorder,
    captureStack: stackCapturer(N),
    cloak: installCloak(win, N),
    onInternalError: () => {
      // Swallowed on purpose: the page must never see the hook fail. Nothing to report to yet.
    },
  });
  N.apply(N.addEventListener, win, [
    'pagehide',
    (event: PageTransitionEvent) => {
      recorder.emit({
        type: 'pagehide',
        at: recorder.now(),
        persisted: N.apply(N.getters.pageTransitionPersisted, event, []) as boolean,
      });
      recorder.flush();
    },
    true,
  ]);
  openChannel(win, N, (port) => {
    N.apply(N.setPortOnMessage, port, [
      (event: MessageEvent) => {
        const message = N.apply(N.getters.messageData, event, []) as RelayToHook | null;
        if (typeof message === 'object' && message !== null && message.kind === 'batch-done') recorder.acknowledge();
      },
    ]);
    recorder.connect((batch) => N.apply(N.portPostMessage, port, [batch]));
  });
}
