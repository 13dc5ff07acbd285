/**
 * What Python code imports, read by /usr/bin/python3's own parser (`ast`) without running it: the
 * interpreter that will run the integrations is the authority on its syntax and on which modules
 * are its standard library (`sys.stdlib_module_names`).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface ScannedImport {
  /** The top-level name: `bs4` for `from bs4 import BeautifulSoup`, `yaml` for `import yaml.constructor`. */
  module: string;
  line: number;
}

export interface ScannedSource {
  /** Imports that must succeed: optional ones (inside `try: … except ImportError:`) are left out. */
  imports: ScannedImport[];
  /** A syntax error, `line N: message`, when the code does not parse. */
  error?: string;
}

export interface ScanResult {
  pythonVersion: [number, number];
  stdlib: Set<string>;
  sources: ScannedSource[];
}

// Reads a JSON list of sources on stdin; prints one JSON object. Only absolute imports count:
// relative ones (`from . import x`) are the integration's own files.
const SCANNER = String.raw`
import ast, json, sys
OPTIONAL = {'ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException'}
def optional_handler(handler):
    names = []
    t = handler.type
    if t is None:
        return True
    for n in (t.elts if isinstance(t, ast.Tuple) else [t]):
        names.append(n.id if isinstance(n, ast.Name) else getattr(n, 'attr', ''))
    return any(n in OPTIONAL for n in names)
def scan(source):
    try:
        tree = ast.parse(source)
    except SyntaxError as e:
        return {'imports': [], 'error': 'line %s: %s' % (e.lineno, e.msg)}
    optional = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(optional_handler(h) for h in node.handlers):
            for stmt in node.body:
                optional.update(id(n) for n in ast.walk(stmt))
    found = []
    for node in ast.walk(tree):
        if id(node) in optional:
            continue
        if isinstance(node, ast.Import):
            found += [(a.name.split('.')[0], node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module.split('.')[0], node.lineno))
    seen, imports = set(), []
    for module, line in sorted(found, key=lambda f: f[1]):
        if module not in seen:
            seen.add(module)
            imports.append({'module': module, 'line': line})
    return {'imports': imports}
sources = json.load(sys.stdin)
print(json.dumps({
    'version': list(sys.version_info[:2]),
    'stdlib': sorted(getattr(sys, 'stdlib_module_names', ())),
    'sources': [scan(s) for s in sources],
}))
`;

/** Scans every source in one python3 process. */
export async function scanImports(python: string, sources: readonly string[]): Promise<ScanResult> {
  const child = execFileAsync(python, ['-c', SCANNER], {
    env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' },
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  child.child.stdin?.end(JSON.stringify(sources));
  const { stdout } = await child;
  const result = JSON.parse(stdout.trim()) as {
    version: [number, number];
    stdlib: string[];
    sources: ScannedSource[];
  };
  return { pythonVersion: result.version, stdlib: new Set(result.stdlib), sources: result.sources };
}
