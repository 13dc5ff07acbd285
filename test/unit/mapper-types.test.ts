/** A pack's incoming mapper keyed by a type its classifier never produces is named in one line. */
import { describe, expect, it } from 'vitest';
import { describeMapperTypeMismatch, findMapperTypeMismatch } from '../support/mapper-types.ts';

const classifier = {
  defaultIncidentType: 'ServiceNow Ticket',
  keyTypeMap: { incident: 'ServiceNow Ticket' },
};
const rules = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`field${i}`, { simple: `f${i}` }]));

describe('mapper types against the classifier', () => {
  it('finds nothing when the mapper keys its rules by the type the classifier produces', () => {
    const mapper = {
      mapping: {
        'ServiceNow Ticket': { internalMapping: rules(3) },
        dbot_classification_incident_type_all: { internalMapping: rules(1) },
      },
    };
    expect(findMapperTypeMismatch(classifier, mapper)).toBeUndefined();
  });

  it('names the unreachable type, its rule count, what the classifier produces and the revision assumed', () => {
    const mapper = {
      mapping: {
        ServiceNowTicket: { internalMapping: rules(24) },
        dbot_classification_incident_type_all: { internalMapping: rules(1) },
      },
    };
    const mismatch = findMapperTypeMismatch(classifier, mapper);
    expect(mismatch).toEqual({
      produced: ['ServiceNow Ticket'],
      unreached: [{ type: 'ServiceNowTicket', rules: 24 }],
      unmapped: ['ServiceNow Ticket'],
    });
    expect(
      describeMapperTypeMismatch(
        mismatch!,
        {
          mapper: 'classifier-mapper-incoming-ServiceNow.json@abc',
          classifier: 'classifier-ServiceNow.json@def',
        },
        'the revision keyed by "ServiceNow Ticket"',
      ),
    ).toBe(
      'classifier-mapper-incoming-ServiceNow.json@abc keys its rules by incident type "ServiceNowTicket" (24 field rules), which classifier-ServiceNow.json@def never produces (it produces "ServiceNow Ticket", and the mapper has no rules of their own for "ServiceNow Ticket"): XSOAR would apply none of those rules. This suite assumes the revision keyed by "ServiceNow Ticket".',
    );
  });
});
