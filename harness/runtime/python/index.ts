/** The Python bridge: runs real XSOAR Python integrations unmodified (python-runtime.md §5). */
export { createPythonRunner } from './runner.ts';
export type { PythonRunner, PythonRunnerOptions } from './runner.ts';
export { resolvePython, checkPythonDeps, DEFAULT_PYTHON, CSP_MODULES } from './interpreter.ts';
export { locateIntegration, findContentRoot } from './locate.ts';
export type { LocatedIntegration } from './locate.ts';
export { classifyOutcome } from './outcome.ts';
export { DOCKER_IMAGE_MODULES, imageName, MODULE_PACKAGES, packageForModule } from './debian-packages.ts';
