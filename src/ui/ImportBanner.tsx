import { formatClock } from './format';
import type { ImportInfo } from './store';

/** Says that an imported file is shown, not the live recording, and leads back to it. */
export function ImportBanner({ info, onClose }: { info: ImportInfo; onClose: () => void }) {
  return (
    <div class="notice info" role="status" data-import={info.fileName}>
      Showing <b>{info.fileName}</b>, exported {new Date(info.exportedAt).toLocaleDateString()} {formatClock(info.exportedAt)} by{' '}
      {info.tool.name} {info.tool.version}. The live recording goes on meanwhile.
      <button type="button" class="text-button" data-action="close-import" onClick={onClose}>
        Back to live
      </button>
    </div>
  );
}
