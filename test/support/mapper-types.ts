/**
 * Whether a pack's incoming mapper keys its rules by incident types its classifier produces. When
 * it does not (ServiceNow's incoming mapper in one revision keys every rule by "ServiceNowTicket"
 * while the classifier produces "ServiceNow Ticket"), XSOAR applies none of those rules, and a
 * suite written for the other revision would fail with a diff of every mapped field. This names
 * the mismatch in one message instead.
 */

const ALL_TYPES = 'dbot_classification_incident_type_all';

interface ClassifierJson {
  defaultIncidentType?: string;
  keyTypeMap?: Record<string, string>;
}

interface MapperJson {
  mapping?: Record<string, { internalMapping?: Record<string, unknown> }>;
}

export interface MapperTypeMismatch {
  /** Types the classifier can produce (its keyTypeMap values and its default type). */
  produced: string[];
  /** Types the mapper has rules for that the classifier never produces, with their rule counts. */
  unreached: { type: string; rules: number }[];
  /** Produced types the mapper has no type-specific rules for. */
  unmapped: string[];
}

/** Undefined when every type-specific block of the mapper is reachable through the classifier. */
export function findMapperTypeMismatch(classifier: unknown, mapper: unknown): MapperTypeMismatch | undefined {
  const c = classifier as ClassifierJson;
  const m = mapper as MapperJson;
  const produced = [
    ...new Set([
      ...Object.values(c.keyTypeMap ?? {}),
      ...(c.defaultIncidentType ? [c.defaultIncidentType] : []),
    ]),
  ];
  const keyed = Object.keys(m.mapping ?? {}).filter((t) => t !== ALL_TYPES);
  const unreached = keyed
    .filter((t) => !produced.includes(t))
    .map((type) => ({ type, rules: Object.keys(m.mapping?.[type]?.internalMapping ?? {}).length }));
  if (unreached.length === 0) return undefined;
  return { produced, unreached, unmapped: produced.filter((t) => !keyed.includes(t)) };
}

/** One line: what is keyed by what, what the classifier produces, and which revision the suite assumes. */
export function describeMapperTypeMismatch(
  mismatch: MapperTypeMismatch,
  files: { mapper: string; classifier: string },
  assumed: string,
): string {
  const quote = (types: readonly string[]) => types.map((t) => `"${t}"`).join(', ');
  const keyed = mismatch.unreached.map((u) => `"${u.type}" (${u.rules} field rules)`).join(', ');
  const unmapped =
    mismatch.unmapped.length > 0
      ? `, and the mapper has no rules of their own for ${quote(mismatch.unmapped)}`
      : '';
  return (
    `${files.mapper} keys its rules by incident type ${keyed}, which ${files.classifier} never produces ` +
    `(it produces ${quote(mismatch.produced) || 'no type'}${unmapped}): XSOAR would apply none of those rules. ` +
    `This suite assumes ${assumed}.`
  );
}
