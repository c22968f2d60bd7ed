import * as v from 'valibot';
import { DEFAULT_LEAK_SETTINGS, type LeakSettings } from '../core/leak-rules';

export interface PanelSettings extends LeakSettings {
  /** Keep the previous page's sockets when the tab navigates. */
  readonly preserveLog: boolean;
  /** Characters of a message shown in the Messages list (the full preview is in its details). */
  readonly previewChars: number;
  /** Group the socket list by the document (top page, iframes) that opened each socket. */
  readonly groupByFrame: boolean;
}

export const DEFAULT_PANEL_SETTINGS: PanelSettings = {
  ...DEFAULT_LEAK_SETTINGS,
  preserveLog: false,
  previewChars: 200,
  groupByFrame: true,
};

export const SETTING_RANGES = {
  abandonedAfterMs: { min: 100, max: 3_600_000 },
  closeTimeoutMs: { min: 100, max: 3_600_000 },
  previewChars: { min: 16, max: 8192 },
} as const;

const ms = (r: { min: number; max: number }) => v.pipe(v.number(), v.finite(), v.minValue(r.min), v.maxValue(r.max));

const StoredSettings = v.partial(
  v.object({
    abandonedAfterMs: ms(SETTING_RANGES.abandonedAfterMs),
    closeTimeoutMs: ms(SETTING_RANGES.closeTimeoutMs),
    preserveLog: v.boolean(),
    previewChars: v.pipe(ms(SETTING_RANGES.previewChars), v.integer()),
    groupByFrame: v.boolean(),
  }),
);

const KEY = 'wsli.panel.settings';

/** Settings saved by an earlier panel, each value checked; anything unreadable falls back to the default. */
export function loadSettings(storage: Pick<Storage, 'getItem'> | null): PanelSettings {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return DEFAULT_PANEL_SETTINGS;
    const json: unknown = JSON.parse(raw);
    const out: Record<string, unknown> = { ...DEFAULT_PANEL_SETTINGS };
    if (typeof json === 'object' && json !== null) {
      for (const [key, schema] of Object.entries(StoredSettings.entries)) {
        const parsed = v.safeParse(schema, (json as Record<string, unknown>)[key]);
        if (parsed.success && parsed.output !== undefined) out[key] = parsed.output;
      }
    }
    return out as unknown as PanelSettings;
  } catch {
    return DEFAULT_PANEL_SETTINGS;
  }
}

export function saveSettings(storage: Pick<Storage, 'setItem'> | null, settings: PanelSettings): void {
  try {
    storage?.setItem(KEY, JSON.stringify(settings));
  } catch {
    // storage full or disabled: settings last for this panel only
  }
}

/** Clamps a setting the user typed into its range. */
export function clampSetting(name: keyof typeof SETTING_RANGES, value: number): number {
  const r = SETTING_RANGES[name];
  if (!Number.isFinite(value)) return r.min;
  return Math.min(r.max, Math.max(r.min, value));
}
