/**
 * Atlassian Document Format, pure: checking a document the API receives, plain text to ADF (what
 * v2 bodies and the model API become), ADF to plain text (v2 answers, search) and to the HTML of
 * `renderedFields` / `renderedBody` — which Jira V3 reads with BeautifulSoup(...).get_text()
 * (JiraV3.py: `JiraIssueFieldsParser.get_description_context`, `extract_comment_entry_from_raw_response`).
 * Its own writer is `text_to_adf`: `{"type":"doc","version":1,"content":[{"type":"paragraph",
 * "content":[{"text":…,"type":"text"}]}]}`.
 */

export interface AdfNode {
  type: string;
  text?: string;
  content?: AdfNode[];
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface AdfDoc extends AdfNode {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/** Block and inline node types the fake renders; others are refused, as Jira refuses unknown nodes. */
const BLOCKS = new Set([
  'paragraph',
  'heading',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'blockquote',
  'rule',
  'panel',
]);
const INLINES = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard']);

/** Why a value is not an ADF document, or null when it is one. */
export function adfProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const doc = value as Partial<AdfDoc>;
  if (doc.type !== 'doc') return 'the root node must have type "doc"';
  if (doc.version !== 1) return 'the document version must be 1';
  if (!Array.isArray(doc.content)) return 'the document must have a content array';
  const walk = (node: unknown, path: string): string | null => {
    if (typeof node !== 'object' || node === null) return `${path} is not a node`;
    const n = node as AdfNode;
    if (!BLOCKS.has(n.type) && !INLINES.has(n.type))
      return `${path} has an unknown node type "${String(n.type)}"`;
    if (n.type === 'text' && typeof n.text !== 'string') return `${path} is a text node without text`;
    if (n.content !== undefined && !Array.isArray(n.content)) return `${path}.content is not an array`;
    for (const [i, child] of (n.content ?? []).entries()) {
      const problem = walk(child, `${path}.content[${i}]`);
      if (problem) return problem;
    }
    return null;
  };
  for (const [i, node] of doc.content.entries()) {
    const problem = walk(node, `content[${i}]`);
    if (problem) return problem;
  }
  return null;
}

/** Plain text to ADF: one paragraph per line block, line breaks kept as hardBreaks. */
export function toAdf(text: string): AdfDoc {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p !== '');
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((p) => ({
      type: 'paragraph',
      content: p
        .split('\n')
        .flatMap((line, i): AdfNode[] => [
          ...(i > 0 ? [{ type: 'hardBreak' }] : []),
          ...(line ? [{ type: 'text', text: line }] : []),
        ]),
    })),
  };
}

function inlineText(node: AdfNode): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  if (node.type === 'mention') return String(node.attrs?.text ?? '');
  if (node.type === 'emoji') return String(node.attrs?.shortName ?? '');
  if (node.type === 'inlineCard') return String(node.attrs?.url ?? '');
  return (node.content ?? []).map(inlineText).join('');
}

/** ADF to plain text: blocks separated by blank lines, list items on their own lines. */
export function fromAdf(doc: AdfNode | null | undefined): string {
  if (!doc) return '';
  const block = (node: AdfNode): string => {
    if (node.type === 'rule') return '---';
    if (node.type === 'bulletList' || node.type === 'orderedList')
      return (node.content ?? []).map((item) => `- ${(item.content ?? []).map(block).join('\n')}`).join('\n');
    if (
      BLOCKS.has(node.type) &&
      node.type !== 'paragraph' &&
      node.type !== 'heading' &&
      node.type !== 'codeBlock'
    )
      return (node.content ?? []).map(block).join('\n\n');
    return (node.content ?? []).map(inlineText).join('');
  };
  return (doc.content ?? []).map(block).join('\n\n');
}

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function inlineHtml(node: AdfNode): string {
  if (node.type === 'hardBreak') return '<br/>';
  if (node.type !== 'text') return escapeHtml(inlineText(node));
  let html = escapeHtml(node.text ?? '');
  for (const mark of node.marks ?? []) {
    if (mark.type === 'strong') html = `<b>${html}</b>`;
    else if (mark.type === 'em') html = `<em>${html}</em>`;
    else if (mark.type === 'code') html = `<tt>${html}</tt>`;
    else if (mark.type === 'link')
      html = `<a href="${escapeHtml(String(mark.attrs?.href ?? ''))}">${html}</a>`;
  }
  return html;
}

/** ADF to the HTML Jira renders (`renderedFields.description`, a comment's `renderedBody`). */
export function toRenderedHtml(doc: AdfDoc | AdfNode | null | undefined): string {
  if (!doc) return '';
  const block = (node: AdfNode): string => {
    const inner = () =>
      (node.content ?? []).map((c) => (INLINES.has(c.type) ? inlineHtml(c) : block(c))).join('');
    switch (node.type) {
      case 'paragraph':
        return `<p>${inner()}</p>`;
      case 'heading':
        return `<h${Number(node.attrs?.level ?? 1)}>${inner()}</h${Number(node.attrs?.level ?? 1)}>`;
      case 'bulletList':
        return `<ul>${inner()}</ul>`;
      case 'orderedList':
        return `<ol>${inner()}</ol>`;
      case 'listItem':
        return `<li>${inner()}</li>`;
      case 'codeBlock':
        return `<pre>${inner()}</pre>`;
      case 'blockquote':
        return `<blockquote>${inner()}</blockquote>`;
      case 'rule':
        return '<hr/>';
      default:
        return `<div>${inner()}</div>`;
    }
  };
  return (doc.content ?? []).map(block).join('\n');
}
