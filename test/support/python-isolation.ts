/**
 * What test/fixtures/python/isolation.py reports for a command that starts clean: the module-level
 * counter at 1 (globals not carried over), no variable or module attribute left by an earlier
 * command, an empty working directory, the requested TZ, and only the scrubbed environment.
 */
export function freshCommandProbe(tz: string) {
  return {
    counter: 1,
    env: null,
    module_attr: null,
    cwd_files: [],
    tz,
    environ_keys: [
      'LANG',
      'LC_ALL',
      'PATH',
      'PYTHONIOENCODING',
      'PYTHONPYCACHEPREFIX',
      'PYTHONUNBUFFERED',
      'TZ',
    ],
  };
}
