import type { RefObject } from 'preact';
import { useState } from 'preact/hooks';
import type { Flag } from '../../core/leak-rules';
import type { DocumentInfo, SocketRecord } from '../../core/model';
import { CloseIcon } from '../icons';
import type { PanelSettings } from '../settings';
import { FlagsTab } from './FlagsTab';
import { ListenersTab } from './ListenersTab';
import { MessagesTab } from './MessagesTab';
import { OverviewTab } from './OverviewTab';
import { StacksTab } from './StacksTab';

export const TABS = ['Overview', 'Messages', 'Listeners', 'Stacks', 'Flags'] as const;
export type Tab = (typeof TABS)[number];

export interface SocketDetailsProps {
  readonly detailsRef: RefObject<HTMLElement | null>;
  readonly socket: SocketRecord;
  /** The record is mutated in place; its version makes a change visible to the view. */
  readonly version: number;
  readonly doc: DocumentInfo | undefined;
  readonly flags: readonly Flag[];
  readonly now: number;
  readonly settings: PanelSettings;
  readonly canClose: boolean;
  readonly onRequestClose: (code: number, reason: string) => void;
  readonly onClose: () => void;
}

/**
 * The selected socket, in tabs (ARIA tabs: arrows move between them, Escape closes the pane).
 * A flagged socket opens on its flags: that is what the user came for.
 */
export function SocketDetails(props: SocketDetailsProps) {
  const { detailsRef, socket, doc, flags, now, settings, canClose, onRequestClose, onClose } = props;
  const [tab, setTab] = useState<Tab>(flags.length > 0 ? 'Flags' : 'Overview');

  const onTabKey = (e: KeyboardEvent): void => {
    const at = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? at + 1 : e.key === 'ArrowLeft' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const t = TABS[(next + TABS.length) % TABS.length] ?? 'Overview';
    setTab(t);
    (e.currentTarget as HTMLElement).parentElement?.querySelector<HTMLElement>(`[data-tab="${t}"]`)?.focus();
  };

  return (
    <section
      ref={detailsRef}
      class="details"
      aria-label="Socket details"
      data-details={socket.key}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target instanceof HTMLInputElement)) {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <div class="details-tabs" role="tablist" aria-label="Details">
        <button type="button" class="tool-button" aria-label="Close details" title="Close (Esc)" data-action="close-details" onClick={onClose}>
          <CloseIcon />
        </button>
        {TABS.map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={t === tab}
            aria-controls="details-body"
            tabIndex={t === tab ? 0 : -1}
            data-tab={t}
            class={t === tab ? 'tab active' : 'tab'}
            onClick={() => setTab(t)}
            onKeyDown={onTabKey}
          >
            {t}
            {t === 'Flags' && flags.length > 0 && <span class="tab-count">{flags.length}</span>}
            {t === 'Messages' && <span class="tab-count quiet">{socket.traffic.inCount + socket.traffic.outCount}</span>}
          </button>
        ))}
      </div>
      <div class="details-body" id="details-body" role="tabpanel" aria-labelledby={`tab-${tab}`} data-panel={tab}>
        {tab === 'Overview' && <OverviewTab s={socket} doc={doc} flags={flags} now={now} canClose={canClose} onRequestClose={onRequestClose} />}
        {tab === 'Messages' && <MessagesTab s={socket} version={props.version} previewChars={settings.previewChars} />}
        {tab === 'Listeners' && <ListenersTab s={socket} />}
        {tab === 'Stacks' && <StacksTab s={socket} />}
        {tab === 'Flags' && <FlagsTab flags={flags} />}
      </div>
    </section>
  );
}
