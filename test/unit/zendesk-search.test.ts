import { describe, expect, it } from 'vitest';
import { matchesSearch, parseSearch, timeRange, type ZdTicket } from '../../mocks/ticketing/zendesk/index.ts';

const T = (iso: string) => Date.parse(iso);
const ticket: ZdTicket = {
  id: 7,
  subject: 'Phishing mail reported',
  priority: 'high',
  type: 'incident',
  status: 'pending',
  requester_id: 1,
  submitter_id: 1,
  assignee_id: null,
  organization_id: 20,
  group_id: 30,
  collaborator_ids: [],
  follower_ids: [],
  email_cc_ids: [],
  tags: ['phishing', 'vip'],
  custom_fields: [],
  external_id: 'EXT-1',
  recipient: null,
  problem_id: null,
  forum_topic_id: null,
  due_at: null,
  created_at: T('2026-03-10T08:30:15Z'),
  updated_at: T('2026-03-11T09:00:00Z'),
};
const view = {
  ticket,
  text: 'phishing mail reported\nuser clicked the link',
  userEmail: (id: number | null) => (id === 1 ? 'ann@example.com' : undefined),
  groupName: (id: number | null) => (id === 30 ? 'Security Operations' : undefined),
  orgName: (id: number | null) => (id === 20 ? 'Acme' : undefined),
};
const hit = (query: string) => matchesSearch(parseSearch(query), view);

describe('Zendesk search syntax', () => {
  it.each([
    ['type:ticket', true],
    ['created>2026-03-10T08:30:14Z', true],
    ['created>2026-03-10T08:30:15Z', false],
    ['created>=2026-03-10T08:30:15Z', true],
    ['created<2026-03-10T08:30:16Z', true],
    ['created:2026-03-10', true],
    ['created>2026-03-10', false],
    ['created<2026-03-10', false],
    ['created<=2026-03-10', true],
    ['updated>2026-03-11T08:00:00+00:00', true],
    ['status:pending', true],
    ['status<solved', true],
    ['status>=hold', false],
    ['priority>normal', true],
    ['priority:none', false],
    ['ticket_type:incident', true],
    ['tags:vip', true],
    ['-tags:vip', false],
    ['subject:phishing', true],
    ['"clicked the link"', true],
    ['clicked', true],
    ['assignee:none', true],
    ['requester:ann@example.com', true],
    ['group:"Security Operations"', true],
    ['organization:acme', true],
    ['external_id:EXT-1', true],
    ['type:ticket status:pending tags:phishing -tags:spam', true],
    ['type:ticket status:open', false],
  ])('%s → %s', (query, expected) => {
    expect(hit(query)).toBe(expected);
  });

  it('reads order_by and sort inside the query', () => {
    expect(parseSearch('type:ticket order_by:updated sort:asc')).toMatchObject({
      orderBy: 'updated',
      sort: 'asc',
    });
  });

  it.each([
    ['colour:red', 'unsupported field "colour"'],
    ['type:user', 'searches tickets only'],
    ['created>4hours', 'relative times are not supported'],
    ['status:done', 'status is one of'],
    ['ticket_type>incident', 'ticket_type takes ":" only'],
    ['sort:up', 'sort takes asc, desc'],
    ['tags:', 'has no value'],
  ])('refuses %s with a 400 naming it', (query, message) => {
    expect(() => parseSearch(query)).toThrow(message);
    try {
      parseSearch(query);
    } catch (e) {
      expect(e).toMatchObject({ status: 400, code: 'InvalidSearch' });
    }
  });

  it('turns a date into its UTC day and a time into its second', () => {
    expect(timeRange('2026-03-10')).toEqual([
      T('2026-03-10T00:00:00Z') / 1000,
      T('2026-03-11T00:00:00Z') / 1000,
    ]);
    expect(timeRange('2026-03-10T08:30:15.500Z')).toEqual([
      T('2026-03-10T08:30:15Z') / 1000,
      T('2026-03-10T08:30:16Z') / 1000,
    ]);
    expect(timeRange('yesterday')).toBeUndefined();
  });
});
