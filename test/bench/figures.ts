/** What a benchmark returns: figures by name, plain text or measured against a reference. */
export interface Figure {
  value: string;
  /** The same thing done by the reference (raw node:http, the CSP re-exec floor, …), same run. */
  reference?: string;
  /** value ÷ reference, in the direction where more is better. */
  ratio?: number;
  goal?: string;
  met?: boolean;
}

export type Figures = Record<string, string | Figure>;

export function formatFigure(figure: string | Figure): string {
  if (typeof figure === 'string') return figure;
  const parts = [figure.value];
  if (figure.reference !== undefined) parts.push(`reference ${figure.reference}`);
  if (figure.ratio !== undefined) parts.push(`ratio ${figure.ratio.toFixed(2)}×`);
  if (figure.goal !== undefined) parts.push(`goal ${figure.goal}: ${figure.met ? 'met' : 'NOT met'}`);
  return parts.join(' · ');
}
