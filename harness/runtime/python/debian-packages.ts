/**
 * Which Debian package provides a Python module, for the modules XSOAR integrations import and
 * the docker images content YAMLs name (python-runtime.md §3.5). One table, read by the runtime
 * (to name the package when an import fails) and by `mirrorlab setup` (to install it). Pure data.
 *
 * Every package name was checked with `apt-cache show` against the package lists of Debian 12
 * (bookworm) and Debian 13 (trixie); all exist in both except python3-distutils, which trixie (Python
 * 3.13) dropped, see packageForModule. Where Debian has no package for a module (pycrypto's
 * `Crypto`, slack_sdk), the module is left out on purpose: an unknown module is reported as such
 * rather than guessed.
 */

/** Python module (the top-level import name) → Debian package. */
export const MODULE_PACKAGES: Readonly<Record<string, string>> = {
  // CommonServerPython and the common stack (demisto/python3).
  requests: 'python3-requests',
  urllib3: 'python3-urllib3',
  dateparser: 'python3-dateparser',
  pytz: 'python3-tz',
  tzlocal: 'python3-tzlocal',
  dateutil: 'python3-dateutil',
  distutils: 'python3-distutils',
  jwt: 'python3-jwt',
  cryptography: 'python3-cryptography',
  // What single integrations import.
  bs4: 'python3-bs4',
  lxml: 'python3-lxml',
  html5lib: 'python3-html5lib',
  yaml: 'python3-yaml',
  OpenSSL: 'python3-openssl',
  Cryptodome: 'python3-pycryptodome',
  magic: 'python3-magic',
  dns: 'python3-dnspython',
  xmltodict: 'python3-xmltodict',
  requests_ntlm: 'python3-requests-ntlm',
  requests_oauthlib: 'python3-requests-oauthlib',
  requests_toolbelt: 'python3-requests-toolbelt',
  oauthlib: 'python3-oauthlib',
  msal: 'python3-msal',
  boto3: 'python3-boto3',
  botocore: 'python3-botocore',
  pydantic: 'python3-pydantic',
  ldap3: 'python3-ldap3',
  paramiko: 'python3-paramiko',
  pandas: 'python3-pandas',
  numpy: 'python3-numpy',
  PIL: 'python3-pil',
  markdown: 'python3-markdown',
  html2text: 'python3-html2text',
  tldextract: 'python3-tldextract',
  defusedxml: 'python3-defusedxml',
  certifi: 'python3-certifi',
  chardet: 'python3-chardet',
  six: 'python3-six',
  idna: 'python3-idna',
  jinja2: 'python3-jinja2',
  websocket: 'python3-websocket',
  aiohttp: 'python3-aiohttp',
  httpx: 'python3-httpx',
  emoji: 'python3-emoji',
  netaddr: 'python3-netaddr',
  pymysql: 'python3-pymysql',
  psycopg2: 'python3-psycopg2',
  pymongo: 'python3-pymongo',
  redis: 'python3-redis',
  tabulate: 'python3-tabulate',
  validators: 'python3-validators',
  jmespath: 'python3-jmespath',
  exchangelib: 'python3-exchangelib',
  pyotp: 'python3-pyotp',
  docx: 'python3-docx',
  openpyxl: 'python3-openpyxl',
  ntlm_auth: 'python3-ntlm-auth',
  simplejson: 'python3-simplejson',
  ujson: 'python3-ujson',
  pexpect: 'python3-pexpect',
  cachetools: 'python3-cachetools',
  tenacity: 'python3-tenacity',
  backoff: 'python3-backoff',
  pyasn1: 'python3-pyasn1',
  nacl: 'python3-nacl',
  zeep: 'python3-zeep',
  sqlalchemy: 'python3-sqlalchemy',
  psutil: 'python3-psutil',
  olefile: 'python3-olefile',
  pefile: 'python3-pefile',
  yara: 'python3-yara',
  kubernetes: 'python3-kubernetes',
  docker: 'python3-docker',
  filetype: 'python3-filetype',
  iso8601: 'python3-iso8601',
  unidecode: 'python3-unidecode',
  charset_normalizer: 'python3-charset-normalizer',
};

/**
 * demisto docker images (`script.dockerimage` in an integration's YAML, without the tag) → the
 * modules they add to demisto/python3 that an integration may use without importing them itself
 * (BeautifulSoup's `lxml` parser is chosen by a string). Images not listed add nothing known.
 */
export const DOCKER_IMAGE_MODULES: Readonly<Record<string, readonly string[]>> = {
  'demisto/python3': [],
  'demisto/python3-deb': [],
  'demisto/btfl-soup': ['bs4'],
  'demisto/crypto': ['cryptography'],
  'demisto/auth-utils': ['jwt', 'cryptography'],
  'demisto/pyjwt3': ['jwt'],
  'demisto/boto3py3': ['boto3', 'botocore'],
};

/** `demisto/btfl-soup:1.0.0.12345` → `demisto/btfl-soup`. */
export function imageName(dockerImage: string): string {
  return dockerImage.trim().replace(/(:[^/:]+|@sha256:[0-9a-f]+)$/, '');
}

/**
 * The Debian package of a module, or undefined when Debian has none we know of. distutils left
 * the standard library in Python 3.12 and python3-distutils left Debian with it; there
 * setuptools' shim provides `distutils`, which CommonServerPython's `from distutils.version import
 * LooseVersion` needs (contract.md §F.10).
 */
export function packageForModule(
  module: string,
  pythonVersion: readonly [number, number],
): string | undefined {
  if (module === 'distutils' && (pythonVersion[0] > 3 || pythonVersion[1] >= 12)) return 'python3-setuptools';
  return Object.hasOwn(MODULE_PACKAGES, module) ? MODULE_PACKAGES[module] : undefined;
}
