import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Opens url:line:column (1-based) in the DevTools Sources panel. */
export type OpenSource = (url: string, line: number, column: number) => void;

export const OpenSourceContext = createContext<OpenSource>(() => undefined);

export function useOpenSource(): OpenSource {
  return useContext(OpenSourceContext);
}
