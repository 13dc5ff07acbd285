/**
 * The instance params of the Helpdesk integration, read once per command into typed settings.
 * A bad value is a clear error naming the param, before any HTTP call is made.
 */
import { argToBoolean } from '../../../harness/runtime/typescript/index.ts';

/** The integration's own direction map, as ServiceNow v2 and XSOAR Mirroring have (contract.md §A.3). */
export const MIRROR_DIRECTION: Readonly<Record<string, 'In' | 'Out' | 'Both' | null>> = {
  None: null,
  Incoming: 'In',
  Outgoing: 'Out',
  'Incoming And Outgoing': 'Both',
};

export interface HelpdeskSettings {
  /** `<url>/api/v1`, no trailing slash. */
  apiBase: string;
  apiKey: string;
  firstFetch: string;
  maxFetch: number;
  mirrorDirection: 'In' | 'Out' | 'Both' | null;
  closeIncident: boolean;
  closeOut: boolean;
  commentTag: string;
  workNotesTag: string;
  fileTag: string;
  commentTagFromHelpdesk: string;
}

export class SettingsError extends Error {
  override name = 'SettingsError';
}

function text(params: Record<string, unknown>, name: string, fallback: string): string {
  const value = params[name];
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value !== 'string')
    throw new SettingsError(
      `Helpdesk: failed to read param ${name}: expected text, got ${JSON.stringify(value)}.`,
    );
  return value.trim();
}

function flag(params: Record<string, unknown>, name: string): boolean {
  const value = params[name];
  if (value === undefined || value === null || value === '') return false;
  try {
    return argToBoolean(value);
  } catch {
    throw new SettingsError(
      `Helpdesk: failed to read param ${name}: ${JSON.stringify(value)} is not a boolean. Use true or false.`,
    );
  }
}

export function readSettings(params: Record<string, unknown>): HelpdeskSettings {
  const url = text(params, 'url', '');
  if (!/^https?:\/\/\S+$/i.test(url))
    throw new SettingsError(
      `Helpdesk: failed to read param url: ${JSON.stringify(url)} is not an http(s) URL. Example: http://127.0.0.1:8081.`,
    );
  const apiKeyParam = params.api_key;
  // Type 4 is a plain string; a credentials object (type 9) carries it as the password.
  const apiKey =
    typeof apiKeyParam === 'object' && apiKeyParam !== null
      ? String((apiKeyParam as { password?: unknown }).password ?? '')
      : text(params, 'api_key', '');
  if (!apiKey)
    throw new SettingsError(
      'Helpdesk: failed to read param api_key: it is empty. Set the API key of the helpdesk.',
    );

  const maxText = text(params, 'max_fetch', '50');
  const maxFetch = Number(maxText);
  if (!Number.isInteger(maxFetch) || maxFetch < 1 || maxFetch > 1000) {
    throw new SettingsError(
      `Helpdesk: failed to read param max_fetch: ${JSON.stringify(maxText)} is not an integer from 1 to 1000.`,
    );
  }
  const directionText = text(params, 'mirror_direction', 'None');
  if (!Object.hasOwn(MIRROR_DIRECTION, directionText)) {
    throw new SettingsError(
      `Helpdesk: failed to read param mirror_direction: ${JSON.stringify(directionText)} is not one of ${Object.keys(MIRROR_DIRECTION).join(', ')}.`,
    );
  }
  const settings: HelpdeskSettings = {
    apiBase: url.replace(/\/+$/, '').replace(/\/api\/v1$/, '') + '/api/v1',
    apiKey,
    firstFetch: text(params, 'first_fetch', '3 days'),
    maxFetch,
    mirrorDirection: MIRROR_DIRECTION[directionText] ?? null,
    closeIncident: flag(params, 'close_incident'),
    closeOut: flag(params, 'close_out'),
    commentTag: text(params, 'comment_tag', 'comment'),
    workNotesTag: text(params, 'work_notes_tag', 'work_note'),
    fileTag: text(params, 'file_tag', 'file'),
    commentTagFromHelpdesk: text(params, 'comment_tag_from_helpdesk', 'CommentFromHelpdesk'),
  };
  // Like ServiceNow v2: the same tag both ways would mirror every comment straight back out.
  if (
    settings.commentTagFromHelpdesk === settings.commentTag ||
    settings.commentTagFromHelpdesk === settings.workNotesTag
  ) {
    throw new SettingsError(
      `Helpdesk: failed to read param comment_tag_from_helpdesk: "${settings.commentTagFromHelpdesk}" is also the comment or work note tag. Use a different tag, or every mirrored comment would be sent back out.`,
    );
  }
  return settings;
}
