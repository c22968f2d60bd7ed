import type { FrameData } from '../core/events';
import { LIMITS } from '../protocol/limits';
import type { Natives } from './natives';

export interface Payload {
  readonly size: number;
  readonly data: FrameData;
  readonly preview: string;
  readonly truncated: boolean;
}

const HEX: string[] = [];
for (let i = 0; i < 256; i++) HEX.push((i < 16 ? '0' : '') + i.toString(16));

/** UTF-8 length of a JS string without allocating (lone surrogates count as U+FFFD, 3 bytes). */
function utf8Length(N: Natives, text: string): number {
  'use strict';
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = N.apply(N.charCodeAt, text, [i]);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = N.apply(N.charCodeAt, text, [i + 1]);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function hexPreview(N: Natives, buffer: ArrayBufferLike, offset: number, length: number): string {
  'use strict';
  const n = length < LIMITS.previewBytes ? length : LIMITS.previewBytes;
  const bytes = N.construct(N.Uint8ArrayCtor, [buffer, offset, n]) as Uint8Array;
  let out = '';
  for (let i = 0; i < n; i++) out += HEX[bytes[i] ?? 0];
  return out;
}

/**
 * Size and preview of what `send()` was given or a `message` event carried, read through saved
 * getters only. Returns null for values the browser would stringify (numbers, objects with
 * toString): converting them again here could run page code twice.
 */
export function describePayload(N: Natives, value: unknown, withPreview: boolean): Payload | null {
  'use strict';
  if (typeof value === 'string') {
    const truncated = value.length > LIMITS.previewChars;
    return {
      size: utf8Length(N, value),
      data: 'text',
      preview: withPreview ? (truncated ? N.apply(N.stringSlice, value, [0, LIMITS.previewChars]) : value) : '',
      truncated: withPreview && truncated,
    };
  }
  if (typeof value !== 'object' || value === null) return null;
  const g = N.getters;
  try {
    const size = N.apply(g.bufferByteLength, value, []) as number;
    return {
      size,
      data: 'binary',
      preview: withPreview ? hexPreview(N, value as ArrayBuffer, 0, size) : '',
      truncated: withPreview && size > LIMITS.previewBytes,
    };
  } catch {
    // not an ArrayBuffer
  }
  if (N.isView(value)) {
    let buffer: ArrayBufferLike;
    let offset: number;
    let size: number;
    try {
      buffer = N.apply(g.viewBuffer, value, []) as ArrayBufferLike;
      offset = N.apply(g.viewByteOffset, value, []) as number;
      size = N.apply(g.viewByteLength, value, []) as number;
    } catch {
      buffer = N.apply(g.dataViewBuffer, value, []) as ArrayBufferLike;
      offset = N.apply(g.dataViewByteOffset, value, []) as number;
      size = N.apply(g.dataViewByteLength, value, []) as number;
    }
    return {
      size,
      data: 'binary',
      preview: withPreview ? hexPreview(N, buffer, offset, size) : '',
      truncated: withPreview && size > LIMITS.previewBytes,
    };
  }
  try {
    const size = N.apply(g.blobSize, value, []) as number;
    return { size, data: 'blob', preview: '', truncated: false };
  } catch {
    return null;
  }
}
