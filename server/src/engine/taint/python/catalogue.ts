// The Python catalogue: sinks and sanitisers, as data, in the families (and so the rules) of the
// JS/TS one. Modules are named by their top-level package; the path below it is matched with
// `pathIncludes` (`os.path`, `xml.etree.ElementTree`, `boto3.client('dynamodb')` is
// ['client', 'dynamodb']). A value made by a package keeps its origin, so `psycopg2.connect()
// .cursor().execute` matches by the called method's name.
import type { SanitizerSpec, SinkSpec } from '../types.js';

const SUBPROCESS = ['run', 'call', 'check_call', 'check_output', 'Popen'];
const SQL_DRIVERS = ['psycopg2', 'psycopg', 'pymysql', 'MySQLdb', 'mysql', 'pg8000', 'aiomysql', 'aiopg', 'pyodbc', 'oracledb', 'cx_Oracle', 'snowflake', 'redshift_connector', 'pymssql', 'databricks', 'trino', 'duckdb', 'clickhouse_driver'];
const DDB_EXPR = ['FilterExpression', 'KeyConditionExpression', 'UpdateExpression', 'ConditionExpression', 'ProjectionExpression'];
const DDB_METHODS = ['scan', 'query', 'update_item', 'delete_item', 'put_item', 'get_item'];
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'stream'];
const MONGO = ['find', 'find_one', 'find_one_and_update', 'find_one_and_delete', 'find_one_and_replace', 'delete_one', 'delete_many', 'update_one', 'update_many', 'count_documents', 'aggregate', 'replace_one', 'distinct'];
const PATHLIB_IO = ['read_text', 'read_bytes', 'write_text', 'write_bytes', 'open', 'unlink', 'rmdir', 'mkdir', 'touch', 'rename', 'replace', 'iterdir', 'chmod', 'symlink_to', 'hardlink_to', 'rglob'];
const XML_STDLIB = ['fromstring', 'parse', 'XML', 'iterparse', 'parseString', 'fromstringlist'];
const S3_BUCKET_OPS = ['get_object', 'put_object', 'delete_object', 'list_objects', 'list_objects_v2', 'head_object', 'copy_object', 'upload_file', 'download_file', 'upload_fileobj', 'download_fileobj'];

export const PY_SINKS: readonly SinkSpec[] = [
  // ---- shell ----
  { id: 'py.os.system', language: 'python', family: 'shell', label: 'os.system', callee: { modules: ['os'], names: ['system', 'popen'] }, args: [0], kwargs: ['cmd', 'command'] },
  { id: 'py.subprocess.shell', language: 'python', family: 'shell', label: 'subprocess with shell=True', callee: { modules: ['subprocess'], names: SUBPROCESS }, args: [0], kwargs: ['args'], when: 'shell-option' },
  { id: 'py.subprocess.program', language: 'python', family: 'shell', label: 'the program run by subprocess', callee: { modules: ['subprocess'], names: SUBPROCESS }, args: [0], kwargs: ['args'], when: 'program' },
  { id: 'py.subprocess.shell-program', language: 'python', family: 'shell', label: 'a shell started by subprocess', callee: { modules: ['subprocess'], names: SUBPROCESS }, args: [0], kwargs: ['args'], when: 'shell-program' },
  { id: 'py.subprocess.getoutput', language: 'python', family: 'shell', label: 'subprocess.getoutput', callee: { modules: ['subprocess', 'commands'], names: ['getoutput', 'getstatusoutput'] }, args: [0], kwargs: ['cmd'] },
  { id: 'py.os.exec', language: 'python', family: 'shell', label: 'the program run by os.exec*', callee: { modules: ['os'], names: ['execl', 'execle', 'execlp', 'execlpe', 'execv', 'execve', 'execvp', 'execvpe'] }, args: [0] },
  { id: 'py.os.spawn', language: 'python', family: 'shell', label: 'the program run by os.spawn*', callee: { modules: ['os'], names: ['spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe'] }, args: [1] },
  { id: 'py.pty.spawn', language: 'python', family: 'shell', label: 'pty.spawn', callee: { modules: ['pty'], names: ['spawn'] }, args: [0] },
  { id: 'py.asyncio.shell', language: 'python', family: 'shell', label: 'asyncio.create_subprocess_shell', callee: { modules: ['asyncio'], names: ['create_subprocess_shell'] }, args: [0] },
  { id: 'py.asyncio.exec', language: 'python', family: 'shell', label: 'the program run by asyncio.create_subprocess_exec', callee: { modules: ['asyncio'], names: ['create_subprocess_exec'] }, args: [0] },
  // ---- code ----
  { id: 'py.eval', language: 'python', family: 'code', label: 'eval', callee: { globals: ['eval'], names: ['eval'] }, args: [0], kwargs: ['source'] },
  { id: 'py.exec', language: 'python', family: 'code', label: 'exec', callee: { globals: ['exec'], names: ['exec'] }, args: [0], kwargs: ['source'] },
  { id: 'py.compile', language: 'python', family: 'code', label: 'compile', callee: { globals: ['compile'], names: ['compile'] }, args: [0], kwargs: ['source'] },
  { id: 'py.__import__', language: 'python', family: 'code', label: '__import__', callee: { globals: ['__import__'], names: ['__import__'] }, args: [0], kwargs: ['name'] },
  { id: 'py.import_module', language: 'python', family: 'code', label: 'importlib.import_module', callee: { modules: ['importlib'], names: ['import_module', '__import__'] }, args: [0], kwargs: ['name'] },
  // ---- SQL (the query text only: parameters are the safe way) ----
  { id: 'py.sqlite3', language: 'python', family: 'sql', label: 'a SQLite query', callee: { modules: ['sqlite3', 'aiosqlite'], names: ['execute', 'executemany', 'executescript'] }, args: [0], kwargs: ['sql'] },
  { id: 'py.sql.driver', language: 'python', family: 'sql', label: 'a SQL query', callee: { modules: SQL_DRIVERS, names: ['execute', 'executemany', 'fetch', 'fetchrow', 'fetchval', 'query'] }, args: [0], kwargs: ['query', 'operation', 'sql'] },
  { id: 'py.asyncpg', language: 'python', family: 'sql', label: 'a PostgreSQL query', callee: { modules: ['asyncpg'], names: ['execute', 'executemany', 'fetch', 'fetchrow', 'fetchval'] }, args: [0], kwargs: ['query'] },
  { id: 'py.psycopg.sql', language: 'python', family: 'sql', label: 'a psycopg sql.SQL composition', callee: { modules: ['psycopg2', 'psycopg'], names: ['SQL'], pathIncludes: ['sql'] }, args: [0] },
  { id: 'py.sqlalchemy.text', language: 'python', family: 'sql', label: 'SQLAlchemy text()', callee: { modules: ['sqlalchemy'], names: ['text'] }, args: [0], kwargs: ['text'] },
  { id: 'py.sqlalchemy.execute', language: 'python', family: 'sql', label: 'a SQLAlchemy query', callee: { modules: ['sqlalchemy'], names: ['execute', 'exec_driver_sql'] }, args: [0], kwargs: ['statement'], when: 'sql-text' },
  { id: 'py.django.raw', language: 'python', family: 'sql', label: 'a Django raw query', callee: { modules: ['django'], names: ['raw', 'RawSQL', 'execute', 'executemany'] }, args: [0], kwargs: ['raw_query', 'sql'] },
  // QuerySet.extra() on a model of the workspace: its keyword arguments are SQL text.
  { id: 'py.django.extra', language: 'python', family: 'sql', label: 'Django QuerySet.extra()', callee: { names: ['extra'] }, args: [], kwargs: ['where', 'select', 'tables', 'order_by'] },
  { id: 'py.pg8000.run', language: 'python', family: 'sql', label: 'a pg8000 query', callee: { modules: ['pg8000'], names: ['run'] }, args: [0], kwargs: ['sql'] },
  { id: 'py.rds-data', language: 'python', family: 'sql', label: 'an RDS Data API statement', callee: { modules: ['boto3', 'botocore'], names: ['execute_statement', 'batch_execute_statement'], pathIncludes: ['rds-data'] }, args: [], kwargs: ['sql'] },
  { id: 'py.redshift-data', language: 'python', family: 'sql', label: 'a Redshift Data API statement', callee: { modules: ['boto3', 'botocore'], names: ['execute_statement', 'batch_execute_statement'], pathIncludes: ['redshift-data'] }, args: [], kwargs: ['Sql', 'Sqls'] },
  { id: 'py.athena', language: 'python', family: 'sql', label: 'an Athena query', callee: { modules: ['boto3', 'botocore'], names: ['start_query_execution'], pathIncludes: ['athena'] }, args: [], kwargs: ['QueryString'] },
  { id: 'py.sql.unknown', language: 'python', family: 'sql', label: 'a SQL query', callee: { names: ['execute', 'executemany', 'executescript', 'exec_driver_sql', 'raw', 'fetch', 'fetchrow', 'fetchval'] }, args: [0], kwargs: ['sql', 'query'], when: 'sql-text' },
  // ---- NoSQL ----
  { id: 'py.ddb', language: 'python', family: 'nosql', label: 'a DynamoDB expression', callee: { modules: ['boto3', 'botocore', 'aioboto3'], names: DDB_METHODS, pathIncludes: ['dynamodb'] }, args: [], kwargs: DDB_EXPR, wholeObject: true, wholeLabel: 'a DynamoDB request' },
  { id: 'py.ddb.partiql', language: 'python', family: 'nosql', label: 'a PartiQL statement', callee: { modules: ['boto3', 'botocore', 'aioboto3'], names: ['execute_statement', 'batch_execute_statement', 'execute_transaction'], pathIncludes: ['dynamodb'] }, args: [], kwargs: ['Statement'] },
  { id: 'py.mongo', language: 'python', family: 'nosql', label: 'a MongoDB query', callee: { modules: ['pymongo', 'motor', 'mongomock'], names: MONGO }, args: [0], kwargs: ['filter'], props: ['$where'], wholeObject: true, wholeLabel: 'a MongoDB query object' },
  // ---- paths ----
  { id: 'py.open', language: 'python', family: 'path', label: 'a file system path', callee: { globals: ['open'], names: ['open'] }, args: [0], kwargs: ['file'] },
  { id: 'py.io.open', language: 'python', family: 'path', label: 'a file system path', callee: { modules: ['io', 'codecs', 'aiofiles'], names: ['open'] }, args: [0], kwargs: ['file', 'filename'] },
  { id: 'py.os.path', language: 'python', family: 'path', label: 'a file system path', callee: { modules: ['os'], names: ['remove', 'unlink', 'rmdir', 'removedirs', 'mkdir', 'makedirs', 'listdir', 'scandir', 'stat', 'lstat', 'chmod', 'chown', 'truncate', 'utime', 'open', 'walk'], pathExcludes: ['path'] }, args: [0], kwargs: ['path'] },
  { id: 'py.os.path2', language: 'python', family: 'path', label: 'a file system path', callee: { modules: ['os'], names: ['rename', 'renames', 'replace', 'link', 'symlink'] }, args: [0, 1], kwargs: ['src', 'dst'] },
  { id: 'py.shutil', language: 'python', family: 'path', label: 'a file system path', callee: { modules: ['shutil'], names: ['copy', 'copy2', 'copyfile', 'copytree', 'move', 'rmtree', 'copymode', 'copystat', 'unpack_archive', 'make_archive'] }, args: [0, 1], kwargs: ['src', 'dst', 'path', 'filename', 'extract_dir', 'base_name'] },
  { id: 'py.pathlib', language: 'python', family: 'path', label: 'a file system path', callee: { modules: ['pathlib'], names: PATHLIB_IO }, args: [], receiver: true },
  { id: 'py.tarfile.open', language: 'python', family: 'path', label: 'a file system path', callee: { modules: ['tarfile', 'zipfile'], names: ['open', 'TarFile', 'ZipFile'] }, args: [0], kwargs: ['name', 'file'] },
  { id: 'py.tarfile.extract', language: 'python', family: 'path', label: 'tarfile extraction of an archive from the event (no extraction filter)', callee: { modules: ['tarfile'], names: ['extractall', 'extract'] }, args: [], receiver: true, when: 'tar-no-filter' },
  // ---- outbound requests ----
  { id: 'py.requests', language: 'python', family: 'ssrf', label: 'requests', callee: { modules: ['requests', 'httpx', 'aiohttp', 'niquests'], names: HTTP_METHODS }, args: [0], kwargs: ['url'] },
  { id: 'py.requests.request', language: 'python', family: 'ssrf', label: 'requests', callee: { modules: ['requests', 'httpx', 'aiohttp', 'niquests'], names: ['request'] }, args: [1], kwargs: ['url'] },
  { id: 'py.urllib', language: 'python', family: 'ssrf', label: 'urllib.request', callee: { modules: ['urllib'], names: ['urlopen', 'Request', 'urlretrieve'], pathIncludes: ['request'] }, args: [0], kwargs: ['url'] },
  { id: 'py.urllib3', language: 'python', family: 'ssrf', label: 'urllib3', callee: { modules: ['urllib3'], names: ['request', 'urlopen'] }, args: [1], kwargs: ['url'] },
  { id: 'py.http.client', language: 'python', family: 'ssrf', label: 'http.client', callee: { modules: ['http'], names: ['HTTPConnection', 'HTTPSConnection'], pathIncludes: ['client'] }, args: [0], kwargs: ['host'] },
  { id: 'py.s3.presign', language: 'python', family: 'ssrf', label: 'the bucket of a presigned S3 URL', callee: { modules: ['boto3', 'botocore', 'aioboto3'], names: ['generate_presigned_url', 'generate_presigned_post'], pathIncludes: ['s3'] }, args: [1], kwargs: ['Params', 'Bucket'], props: ['Bucket'] },
  { id: 'py.s3.bucket', language: 'python', family: 'ssrf', label: 'the bucket of an S3 request', callee: { modules: ['boto3', 'botocore', 'aioboto3'], names: S3_BUCKET_OPS, pathIncludes: ['s3'] }, args: [], kwargs: ['Bucket'] },
  // ---- deserialisation ----
  { id: 'py.pickle', language: 'python', family: 'deserialization', label: 'pickle', callee: { modules: ['pickle', 'cPickle', '_pickle', 'dill', 'cloudpickle', 'joblib'], names: ['loads', 'load', 'Unpickler'] }, args: [0], kwargs: ['data', 'file'] },
  { id: 'py.shelve', language: 'python', family: 'deserialization', label: 'shelve', callee: { modules: ['shelve'], names: ['open'] }, args: [0], kwargs: ['filename'] },
  { id: 'py.marshal', language: 'python', family: 'deserialization', label: 'marshal', callee: { modules: ['marshal'], names: ['loads', 'load'] }, args: [0] },
  { id: 'py.yaml.load', language: 'python', family: 'deserialization', label: 'yaml.load without a safe loader', callee: { modules: ['yaml', 'ruamel'], names: ['load', 'load_all'] }, args: [0], kwargs: ['stream'], when: 'unsafe-yaml-loader' },
  { id: 'py.yaml.unsafe', language: 'python', family: 'deserialization', label: 'an unsafe yaml loader', callee: { modules: ['yaml'], names: ['unsafe_load', 'unsafe_load_all', 'full_load', 'full_load_all'] }, args: [0], kwargs: ['stream'] },
  { id: 'py.jsonpickle', language: 'python', family: 'deserialization', label: 'jsonpickle.decode', callee: { modules: ['jsonpickle'], names: ['decode', 'loads'] }, args: [0], kwargs: ['string'] },
  { id: 'py.pandas.pickle', language: 'python', family: 'deserialization', label: 'pandas.read_pickle', callee: { modules: ['pandas'], names: ['read_pickle'] }, args: [0] },
  { id: 'py.xml.stdlib', language: 'python', family: 'deserialization', label: 'an XML parser that expands entities (use defusedxml)', callee: { modules: ['xml'], names: XML_STDLIB, pathIncludes: ['etree', 'ElementTree', 'cElementTree', 'minidom', 'pulldom', 'sax', 'expatbuilder'] }, args: [0], kwargs: ['source', 'text', 'string'] },
  { id: 'py.lxml', language: 'python', family: 'deserialization', label: 'an lxml parser with entity resolution on', callee: { modules: ['lxml'], names: ['fromstring', 'parse', 'XML', 'fromstringlist'] }, args: [0], kwargs: ['text', 'source'], when: 'xml-entities' },
  // ---- templates ----
  { id: 'py.jinja2', language: 'python', family: 'template', label: 'a Jinja2 template', callee: { modules: ['jinja2'], names: ['Template', 'from_string'] }, args: [0], kwargs: ['source'] },
  { id: 'py.flask.template', language: 'python', family: 'template', label: 'render_template_string', callee: { modules: ['flask'], names: ['render_template_string'] }, args: [0], kwargs: ['source'] },
  { id: 'py.mako', language: 'python', family: 'template', label: 'a Mako template', callee: { modules: ['mako'], names: ['Template'] }, args: [0], kwargs: ['text'] },
  { id: 'py.django.template', language: 'python', family: 'template', label: 'a Django template', callee: { modules: ['django'], names: ['Template', 'from_string'], pathIncludes: ['template'] }, args: [0], kwargs: ['template_code'] },
  // ---- regular expressions ----
  { id: 'py.re', language: 'python', family: 'regex', label: 'a regular expression', callee: { modules: ['re', 'regex'], names: ['compile', 'match', 'search', 'fullmatch', 'findall', 'finditer', 'sub', 'subn', 'split'], pathExcludes: ['compile'] }, args: [0], kwargs: ['pattern'] },
];

/** Values returned by these are safe for the listed families. */
export const PY_SANITIZERS: readonly SanitizerSpec[] = [
  { id: 'py.number', language: 'python', callee: { globals: ['int', 'float', 'bool', 'complex', 'len', 'abs', 'round', 'hash', 'ord'], names: ['int', 'float', 'bool', 'complex', 'len', 'abs', 'round', 'hash', 'ord'] }, sanitizes: 'all' },
  { id: 'py.uuid', language: 'python', callee: { modules: ['uuid', 'decimal', 'datetime', 'fractions'], names: ['UUID', 'Decimal', 'Fraction', 'fromisoformat', 'strptime', 'fromtimestamp', 'uuid4', 'uuid1'] }, sanitizes: 'all' },
  { id: 'py.shlex', language: 'python', callee: { modules: ['shlex', 'pipes'], names: ['quote', 'join'] }, sanitizes: ['shell'] },
  { id: 'py.html', language: 'python', callee: { modules: ['html', 'markupsafe', 'cgi', 'bleach', 'jinja2', 'flask', 'nh3'], names: ['escape', 'clean', 'linkify'] }, sanitizes: ['html'] },
  { id: 'py.basename', language: 'python', callee: { modules: ['os', 'posixpath', 'ntpath', 'werkzeug'], names: ['basename', 'secure_filename'] }, sanitizes: ['path'] },
  { id: 'py.re.escape', language: 'python', callee: { modules: ['re', 'regex'], names: ['escape'] }, sanitizes: ['regex'] },
  { id: 'py.quote', language: 'python', callee: { modules: ['urllib'], names: ['quote', 'quote_plus', 'urlencode'] }, sanitizes: ['urlencoded', 'redirect'] },
  { id: 'py.sql.escape', language: 'python', callee: { modules: ['psycopg2', 'psycopg', 'pymysql', 'MySQLdb', 'sqlalchemy'], names: ['Identifier', 'Literal', 'quote_ident', 'escape_string', 'escape', 'literal', 'bindparam'] }, sanitizes: ['sql'] },
];

/** Builtins the walker knows by name (a local binding of the same name shadows them). */
export const BUILTINS = new Set([
  'eval', 'exec', 'compile', 'open', '__import__', 'int', 'float', 'bool', 'complex', 'str', 'bytes', 'bytearray',
  'list', 'dict', 'tuple', 'set', 'frozenset', 'len', 'print', 'repr', 'ascii', 'format', 'sorted', 'reversed',
  'enumerate', 'zip', 'map', 'filter', 'min', 'max', 'sum', 'any', 'all', 'abs', 'round', 'isinstance', 'hasattr',
  'getattr', 'setattr', 'iter', 'next', 'range', 'type', 'id', 'hash', 'ord', 'chr', 'vars', 'super', 'memoryview',
]);

/** Builtins whose result carries what their arguments carry. */
export const PROPAGATING_BUILTINS = new Set(['str', 'bytes', 'bytearray', 'repr', 'ascii', 'format', 'list', 'tuple', 'set', 'frozenset', 'dict', 'sorted', 'reversed', 'iter', 'next', 'min', 'max', 'memoryview', 'vars', 'filter']);

/**
 * Packages whose functions transform data (parse, decode, convert, join paths): what they return
 * carries what their arguments carry. Other packages' calls return a value that remembers its
 * package (a client, a connection), not the data passed in.
 */
export const PROPAGATING_MODULES = new Set([
  'json', 'simplejson', 'ujson', 'orjson', 'base64', 'binascii', 'codecs', 'urllib', 'html', 'string', 'textwrap',
  'copy', 'collections', 'itertools', 'functools', 'operator', 'zlib', 'gzip', 'bz2', 'lzma', 'shlex', 'posixpath',
  'ntpath', 'markdown', 'unicodedata', 'ast', 'csv', 'quopri', 'xmltodict', 'toml', 'tomllib', 'tomli', 'dynamodb_json',
]);

/** Packages whose objects hold the data they are made from (a path, an archive, a buffer). */
export const CARRYING_MODULES = new Set(['pathlib', 'tarfile', 'io', 'tempfile']);
