import { useState } from 'preact/hooks';
import { downloadText, exportFileName } from './download';
import { parseSessionExport } from './schema/export-schema';
import type { PanelStore } from './store';

export interface Notice {
  readonly kind: 'error' | 'info';
  readonly text: string;
}

/** Export (JSON, HAR) and import of the session, with a notice saying how it went. */
export function useImportExport(store: PanelStore) {
  const [message, setMessage] = useState<Notice | null>(null);
  const host = (): string => {
    const top = [...store.snapshot().documents.values()].find((d) => d.isTop && !d.previous);
    try {
      return top ? new URL(top.url).host : 'session';
    } catch {
      return 'session';
    }
  };
  return {
    message,
    dismiss: () => setMessage(null),
    exportJson: (): void => {
      downloadText(exportFileName(host(), Date.now(), 'json'), store.exportJson(), 'application/json');
    },
    exportHar: (): void => {
      downloadText(exportFileName(host(), Date.now(), 'har'), store.exportHar(), 'application/json');
    },
    importFile: (file: File): void => {
      file.text().then(
        (text) => {
          const result = parseSessionExport(text);
          if (!result.ok) {
            setMessage({ kind: 'error', text: `Could not import ${file.name}: ${result.error}` });
            return;
          }
          setMessage(null);
          store.openImport(file.name, result.file, result.session);
        },
        () => setMessage({ kind: 'error', text: `Could not read ${file.name}.` }),
      );
    },
  };
}
