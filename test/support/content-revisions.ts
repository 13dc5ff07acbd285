/**
 * Which revisions of demisto/content files an opt-in suite ran, so a pass or a failure can be tied
 * to the code it ran against. Each file is named by its git blob id (what `git hash-object FILE`
 * prints, computed here without git), which identifies the content in any checkout or mirror
 * (`git log --all --find-object=<blob>` finds the commits that have it). The commit is added when
 * it is known: from git when the content root is a checkout, else from `content-revisions.json` at
 * the content root, which whoever copies single files in records
 * (`{ "Packs/…/X.py": { "commit": "<sha>" } }`).
 *
 *   const revisions = contentRevisions(contentRoot, ['Packs/HelloWorld/Integrations/HelloWorld/HelloWorld.py']);
 *   describe(`HelloWorld (${revisionLabel(revisions)})`, () => { beforeAll(() => announceRevisions('HelloWorld', revisions)); … });
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface ContentRevision {
  /** Relative to the content root, `/`-separated. */
  path: string;
  /** Git blob id (sha1 of `blob <size>\0<bytes>`); undefined when the file is missing. */
  blob: string | undefined;
  /** The commit the file was taken from, when known. */
  commit?: string;
}

export const REVISIONS_FILE = 'content-revisions.json';

/** `git hash-object` of a file's bytes. */
export function gitBlobId(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

function recordedCommits(contentRoot: string): Record<string, { commit?: string }> {
  const file = join(contentRoot, REVISIONS_FILE);
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, { commit?: string }>;
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

function gitCommit(contentRoot: string, path: string): string | undefined {
  if (!existsSync(join(contentRoot, '.git'))) return undefined;
  try {
    const out = execFileSync('git', ['-C', contentRoot, 'log', '-1', '--format=%H', '--', path], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

/** The revisions of `paths` (relative to the content root) as they are on disk now. */
export function contentRevisions(contentRoot: string, paths: readonly string[]): ContentRevision[] {
  const recorded = recordedCommits(contentRoot);
  return paths.map((path) => {
    const file = join(contentRoot, path);
    const blob = existsSync(file) ? gitBlobId(readFileSync(file)) : undefined;
    const commit = gitCommit(contentRoot, path) ?? recorded[path]?.commit;
    return { path, blob, ...(commit ? { commit } : {}) };
  });
}

/** Short, for test titles: `HelloWorld.py@f7b708f2 HelloWorld.yml@ed9ec3d8`. */
export function revisionLabel(revisions: readonly ContentRevision[]): string {
  return revisions.map((r) => `${basename(r.path)}@${r.blob?.slice(0, 8) ?? 'missing'}`).join(' ');
}

/** One line per file, for the log: path, full blob id, commit when known. */
export function describeRevisions(suite: string, revisions: readonly ContentRevision[]): string {
  return [
    `${suite} ran on these demisto/content revisions (git blob ids):`,
    ...revisions.map(
      (r) => `  ${r.path} blob ${r.blob ?? '(missing)'}${r.commit ? ` from commit ${r.commit}` : ''}`,
    ),
  ].join('\n');
}

/** Prints describeRevisions once; vitest shows it with the suite's output. */
export function announceRevisions(suite: string, revisions: readonly ContentRevision[]): void {
  console.info(describeRevisions(suite, revisions));
}

/** What an opt-in suite needs to know before it defines its tests. */
export interface ContentSuite {
  /** MIRRORLAB_CONTENT_ROOT, '' when unset. */
  contentRoot: string;
  /** Why the suite is skipped (no content root, or files missing from it); undefined when it runs. */
  skipReason: string | undefined;
  /** The revisions of the files it runs, empty when skipped. */
  revisions: ContentRevision[];
}

/**
 * The prologue every opt-in content suite shares: read MIRRORLAB_CONTENT_ROOT, check that the files
 * the suite runs (relative to the content root, `/`-separated) are there, say why it is skipped
 * when not, and name the revisions it runs when so.
 */
export function contentSuite(name: string, files: readonly string[]): ContentSuite {
  const contentRoot = process.env.MIRRORLAB_CONTENT_ROOT ?? '';
  const missing = files.map((f) => join(contentRoot, f)).filter((f) => !existsSync(f));
  const skipReason = !contentRoot
    ? `set MIRRORLAB_CONTENT_ROOT to a demisto/content checkout to run ${name}`
    : missing.length > 0
      ? `missing from the content checkout: ${missing.join(', ')}`
      : undefined;
  if (skipReason) console.warn(`${name} suite skipped: ${skipReason}`);
  return { contentRoot, skipReason, revisions: skipReason ? [] : contentRevisions(contentRoot, files) };
}
