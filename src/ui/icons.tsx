/**
 * Small monochrome icons in the DevTools style (16×16, the text colour). Each is a span drawn by
 * a CSS mask (icons.css), so the panel's DOM holds no SVG at all: the security test can then
 * treat any SVG element as one that a page smuggled in.
 */
function Icon({ name }: { name: string }) {
  return <span class={`icon icon-${name}`} aria-hidden="true" />;
}

export const ClearIcon = () => <Icon name="clear" />;
export const ExportIcon = () => <Icon name="export" />;
export const ImportIcon = () => <Icon name="import" />;
export const GearIcon = () => <Icon name="gear" />;
export const CloseIcon = () => <Icon name="close" />;
export const CopyIcon = () => <Icon name="copy" />;
export const ChevronIcon = ({ open }: { open: boolean }) => <span class={`icon icon-chevron chevron${open ? ' open' : ''}`} aria-hidden="true" />;
