/**
 * Whether a content type a client gave for an attachment can be sent back as a header: `type/subtype`
 * with optional parameters, printable ASCII only. A CR/LF in it was stored and then made every
 * download of the file a 500 (Headers refuses it).
 */
const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(\s*;[\x20-\x7e]*)?$/;

export function isMediaType(value: string): boolean {
  return MEDIA_TYPE.test(value);
}
