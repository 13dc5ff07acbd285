/** Atlassian Document Format: validation, text ↔ ADF, rendered HTML; Jira time stamps in a zone. */
import { describe, expect, it } from 'vitest';
import { adfProblem, fromAdf, toAdf, toJiraTime, toRenderedHtml } from '../../mocks/ticketing/jira/index.ts';

/** What Jira V3 sends (JiraV3.py `text_to_adf`). */
const textToAdf = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ text, type: 'text' }] }],
});

describe('ADF', () => {
  it("accepts the integration's own documents and refuses what is not one", () => {
    expect(adfProblem(textToAdf('hello\n\nMirrored from Cortex XSOAR'))).toBeNull();
    expect(adfProblem('plain text')).toBe('not an object');
    expect(adfProblem({ type: 'doc', version: 2, content: [] })).toMatch(/version/);
    expect(adfProblem({ type: 'paragraph', version: 1, content: [] })).toMatch(/"doc"/);
    expect(adfProblem({ type: 'doc', version: 1 })).toMatch(/content array/);
    expect(adfProblem({ type: 'doc', version: 1, content: [{ type: 'marquee' }] })).toMatch(
      /unknown node type "marquee"/,
    );
    expect(
      adfProblem({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text' }] }] }),
    ).toMatch(/without text/);
  });

  it('turns text into paragraphs and hard breaks, and back', () => {
    const doc = toAdf('first line\nsecond line\n\nnext paragraph');
    expect(doc.content).toHaveLength(2);
    expect(doc.content[0]!.content!.map((n) => n.type)).toEqual(['text', 'hardBreak', 'text']);
    expect(fromAdf(doc)).toBe('first line\nsecond line\n\nnext paragraph');
    expect(adfProblem(doc)).toBeNull();
  });

  it('renders HTML whose text is the comment (what BeautifulSoup.get_text() reads)', () => {
    const html = toRenderedHtml({
      type: 'doc',
      version: 1,
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Title' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'a <b> & ', marks: [{ type: 'strong' }] },
            { type: 'text', text: 'link', marks: [{ type: 'link', attrs: { href: 'https://x.test' } }] },
          ],
        },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'item' }] }] },
          ],
        },
      ],
    });
    expect(html).toBe(
      '<h2>Title</h2>\n<p><b>a &lt;b&gt; &amp; </b><a href="https://x.test">link</a></p>\n<ul><li><p>item</p></li></ul>',
    );
    expect(html.replace(/<[^>]+>/g, '')).toContain('a &lt;b&gt; &amp; link');
  });
});

describe('toJiraTime', () => {
  it("stamps with the zone's offset as ±hhmm", () => {
    const t = Date.parse('2026-04-01T09:00:00.123Z');
    expect(toJiraTime(t, 'UTC')).toBe('2026-04-01T09:00:00.123+0000');
    expect(toJiraTime(t, 'Asia/Jerusalem')).toBe('2026-04-01T12:00:00.123+0300');
    expect(toJiraTime(t, 'America/St_Johns')).toBe('2026-04-01T06:30:00.123-0230');
    expect(toJiraTime(Date.parse('2026-01-01T09:00:00Z'), 'America/New_York')).toBe(
      '2026-01-01T04:00:00.000-0500',
    );
  });
});
