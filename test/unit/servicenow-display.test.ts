/** ServiceNow display values: the three sysparm_display_value modes, reference links, journal text, input labels. */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createRecordBook,
  emptyState,
  fromDisplayValues,
  journalText,
  renderRecord,
  type RecordBook,
  type ServicenowState,
  type SnRecord,
} from '../../mocks/ticketing/servicenow/index.ts';

const API = 'http://sn.test/api/now';
const USER_ID = '1'.repeat(32);
const GROUP_ID = '2'.repeat(32);
let now = Date.parse('2026-02-01T08:00:00Z');
let state: ServicenowState;
let book: RecordBook;
let incident: SnRecord;

beforeEach(() => {
  now = Date.parse('2026-02-01T08:00:00Z');
  state = emptyState();
  let n = 0;
  book = createRecordBook(
    () => state,
    { now: () => now },
    () => (++n).toString(16).padStart(32, 'f'),
    () => {},
  );
  book.create(
    'sys_user',
    { sys_id: USER_ID, user_name: 'beth.anglin', name: 'Beth Anglin', email: 'beth@example.com' },
    'system',
  );
  book.create('sys_user_group', { sys_id: GROUP_ID, name: 'Network' }, 'system');
  incident = book.create(
    'incident',
    { short_description: 'VPN down', impact: '1', assigned_to: USER_ID, assignment_group: GROUP_ID },
    'beth.anglin',
  );
});

describe('renderRecord', () => {
  it('answers raw values and references as {link, value} by default', () => {
    const out = renderRecord(incident, book, {
      mode: 'false',
      fields: ['state', 'impact', 'assigned_to', 'caller_id', 'opened_at'],
      apiBase: API,
    });
    expect(out).toEqual({
      state: '1',
      impact: '1',
      assigned_to: { link: `${API}/table/sys_user/${USER_ID}`, value: USER_ID },
      caller_id: '',
      opened_at: '2026-02-01 08:00:00',
    });
  });

  it('answers display values with display_value=true: choice labels and the referenced name', () => {
    const out = renderRecord(incident, book, {
      mode: 'true',
      fields: ['state', 'priority', 'assigned_to', 'assignment_group', 'opened_at'],
      apiBase: API,
    });
    expect(out).toEqual({
      state: 'New',
      priority: '3 - Moderate',
      assigned_to: 'Beth Anglin',
      assignment_group: 'Network',
      opened_at: '2026-02-01 08:00:00',
    });
  });

  it('answers {display_value, value} per field with display_value=all, references with their link', () => {
    const out = renderRecord(incident, book, {
      mode: 'all',
      fields: ['state', 'assigned_to', 'sys_domain'],
      apiBase: API,
    });
    expect(out).toEqual({
      state: { display_value: 'New', value: '1' },
      assigned_to: { display_value: 'Beth Anglin', link: `${API}/table/sys_user/${USER_ID}`, value: USER_ID },
      sys_domain: { display_value: 'global', link: `${API}/table/sys_user_group/global`, value: 'global' },
    });
  });

  it('drops reference links with sysparm_exclude_reference_link', () => {
    const options = { fields: ['assigned_to'], excludeReferenceLink: true, apiBase: API };
    expect(renderRecord(incident, book, { ...options, mode: 'false' })).toEqual({ assigned_to: USER_ID });
    expect(renderRecord(incident, book, { ...options, mode: 'all' })).toEqual({
      assigned_to: { display_value: 'Beth Anglin', value: USER_ID },
    });
  });

  it('labels state by the table: sc_task 3 is Closed Complete, incident 3 is On Hold', () => {
    const task = book.create('sc_task', { state: '3' }, 'admin');
    const held = book.update('incident', incident.sys_id!, { state: '3' }, 'admin');
    expect(renderRecord(task, book, { mode: 'true', fields: ['state'], apiBase: API })).toEqual({
      state: 'Closed Complete',
    });
    expect(renderRecord(held, book, { mode: 'true', fields: ['state'], apiBase: API })).toEqual({
      state: 'On Hold',
    });
  });

  it('returns every key of the record without sysparm_fields, and "" for unknown requested keys', () => {
    const out = renderRecord(incident, book, { mode: 'false', apiBase: API });
    expect(Object.keys(out)).toEqual(Object.keys(incident));
    expect(renderRecord(incident, book, { mode: 'false', fields: ['u_nothing'], apiBase: API })).toEqual({
      u_nothing: '',
    });
  });
});

describe('journal fields', () => {
  beforeEach(() => {
    book.update('incident', incident.sys_id!, { comments: 'First comment' }, 'beth.anglin');
    now += 60_000;
    book.update('incident', incident.sys_id!, { work_notes: 'Checked the firewall' }, 'admin');
    now += 60_000;
    book.update(
      'incident',
      incident.sys_id!,
      { comments: 'Second comment\n\nwith two lines' },
      'beth.anglin',
    );
  });

  it('read as "" raw, whatever was written', () => {
    const out = renderRecord(book.get('incident', incident.sys_id!)!, book, {
      mode: 'false',
      fields: ['comments', 'work_notes'],
      apiBase: API,
    });
    expect(out).toEqual({ comments: '', work_notes: '' });
  });

  it('display as the activity text, newest first, with the writer’s name and the field label', () => {
    const record = book.get('incident', incident.sys_id!)!;
    expect(journalText(book, record, 'comments')).toBe(
      '2026-02-01 08:02:00 - Beth Anglin (Additional comments)\nSecond comment\n\nwith two lines\n\n' +
        '2026-02-01 08:00:00 - Beth Anglin (Additional comments)\nFirst comment\n\n',
    );
    expect(journalText(book, record, 'work_notes')).toBe(
      '2026-02-01 08:01:00 - admin (Work notes)\nChecked the firewall\n\n',
    );
    const all = renderRecord(record, book, { mode: 'all', fields: ['work_notes'], apiBase: API });
    expect(all.work_notes).toEqual({ display_value: journalText(book, record, 'work_notes'), value: '' });
    expect(journalText(book, record, 'comments_and_work_notes').split(' - ')).toHaveLength(4);
  });
});

describe('fromDisplayValues', () => {
  it('turns choice labels and referenced names into stored values, keeping everything else', () => {
    expect(
      fromDisplayValues(
        'incident',
        {
          state: 'Resolved',
          impact: '2 - Medium',
          assigned_to: 'Beth Anglin',
          caller_id: 'beth@example.com',
          assignment_group: 'Network',
          short_description: 'Resolved',
          u_custom: 7,
        },
        book,
      ),
    ).toEqual({
      state: '6',
      impact: '2',
      assigned_to: USER_ID,
      caller_id: USER_ID,
      assignment_group: GROUP_ID,
      short_description: 'Resolved',
      u_custom: 7,
    });
  });

  it('reads state labels by table and leaves unknown labels as given', () => {
    expect(fromDisplayValues('sc_task', { state: 'Closed Complete' }, book)).toEqual({ state: '3' });
    expect(fromDisplayValues('incident', { state: 'Exploded', assigned_to: 'nobody' }, book)).toEqual({
      state: 'Exploded',
      assigned_to: 'nobody',
    });
  });
});
