/** What setup installs for the modules named integrations need, decided from facts alone. */
import { describe, expect, it } from 'vitest';
import { imageName, packageForModule } from '../../harness/runtime/python/index.ts';
import { planSetup } from '../../harness/setup/index.ts';

const python311 = { pythonVersion: [3, 11] as [number, number], browserPresent: true };

describe("an integration's modules in the setup plan", () => {
  it('installs the Debian package of a missing module and lists a present one', () => {
    const plan = planSetup('python', {
      ...python311,
      missingModules: ['bs4'],
      integrationModules: ['bs4', 'lxml', 'requests'],
    });
    expect(plan.install).toEqual(['python3-bs4']);
    expect(plan.present).toContain('lxml');
    expect(plan.unknown).toEqual([]);
  });

  it('names a missing module without a known package instead of guessing one', () => {
    const plan = planSetup('python', {
      ...python311,
      missingModules: ['slack_sdk', 'Crypto'],
      integrationModules: ['slack_sdk', 'Crypto'],
    });
    expect(plan.install).toEqual([]);
    expect(plan.unknown).toEqual(['slack_sdk', 'Crypto']);
  });

  it("checks an integration's modules even for --for start, and nothing else then", () => {
    const plan = planSetup('start', { ...python311, missingModules: ['yaml'], integrationModules: ['yaml'] });
    expect(plan.install).toEqual(['python3-yaml']);
  });

  it('adds the packages it knows to python3 and the base stack when there is no interpreter to ask', () => {
    const plan = planSetup('python', {
      pythonVersion: null,
      missingModules: [],
      browserPresent: true,
      integrationModules: ['bs4', 'mystery'],
    });
    expect(plan.install).toEqual(expect.arrayContaining(['python3', 'python3-requests', 'python3-bs4']));
    expect(plan.unknown).toEqual(['mystery']);
  });

  it('maps distutils to setuptools from Python 3.12, where Debian has no python3-distutils', () => {
    expect(packageForModule('distutils', [3, 11])).toBe('python3-distutils');
    expect(packageForModule('distutils', [3, 13])).toBe('python3-setuptools');
  });

  it('reads a docker image name without its tag or digest', () => {
    expect(imageName('demisto/btfl-soup:1.0.0.115868')).toBe('demisto/btfl-soup');
    expect(imageName('demisto/auth-utils@sha256:abcdef01')).toBe('demisto/auth-utils');
    expect(imageName('demisto/python3')).toBe('demisto/python3');
  });
});
