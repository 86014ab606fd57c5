// The JavaScript/TypeScript catalogue: sinks and sanitisers, as data. Module names are matched
// without a `node:` prefix. A sink on a package matches any value derived from that package
// (`mysql.createPool().query`, `new Client().query`), by the called method's name.
import type { SanitizerSpec, SinkSpec } from '../types.js';

const FS = ['fs', 'fs/promises', 'fs-extra', 'graceful-fs', 'original-fs'];
const MYSQL = ['mysql', 'mysql2', 'mysql2/promise', 'serverless-mysql', '@planetscale/database'];
const PG = ['pg', 'pg-pool', 'pg-promise', '@neondatabase/serverless', '@vercel/postgres', 'postgres'];
const DDB_V3 = ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb'];
const DDB_EXPR = ['FilterExpression', 'KeyConditionExpression', 'UpdateExpression', 'ConditionExpression', 'ProjectionExpression'];
const FS_PATH_FNS = [
  'readFile', 'readFileSync', 'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createReadStream',
  'createWriteStream', 'unlink', 'unlinkSync', 'rm', 'rmSync', 'rmdir', 'rmdirSync', 'mkdir', 'mkdirSync', 'readdir',
  'readdirSync', 'stat', 'statSync', 'lstat', 'lstatSync', 'access', 'accessSync', 'open', 'openSync', 'exists', 'existsSync',
  'readlink', 'readlinkSync', 'truncate', 'truncateSync', 'chmod', 'chmodSync', 'chown', 'chownSync', 'utimes',
  'outputFile', 'outputFileSync', 'readJson', 'readJsonSync', 'writeJson', 'writeJsonSync', 'remove', 'removeSync', 'ensureDir',
];

export const JS_SINKS: readonly SinkSpec[] = [
  // ---- shell ----
  { id: 'cp.exec', language: 'js', family: 'shell', label: 'child_process.exec', callee: { modules: ['child_process'], names: ['exec'] }, args: [0] },
  { id: 'cp.execSync', language: 'js', family: 'shell', label: 'child_process.execSync', callee: { modules: ['child_process'], names: ['execSync'] }, args: [0] },
  { id: 'cp.spawn-command', language: 'js', family: 'shell', label: 'the program run by child_process', callee: { modules: ['child_process'], names: ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'fork'] }, args: [0] },
  { id: 'cp.spawn-shell', language: 'js', family: 'shell', label: 'child_process arguments with shell: true', callee: { modules: ['child_process'], names: ['spawn', 'spawnSync', 'execFile', 'execFileSync'] }, args: [1], when: 'shell-option' },
  { id: 'cp.shell-program', language: 'js', family: 'shell', label: 'a shell started by child_process', callee: { modules: ['child_process'], names: ['spawn', 'spawnSync', 'execFile', 'execFileSync'] }, args: [1], when: 'shell-program' },
  { id: 'shelljs.exec', language: 'js', family: 'shell', label: 'shelljs.exec', callee: { modules: ['shelljs'], names: ['exec'] }, args: [0] },
  { id: 'execa.command', language: 'js', family: 'shell', label: 'execa command string', callee: { modules: ['execa'], names: ['execaCommand', 'execaCommandSync', 'command', 'commandSync'] }, args: [0] },
  { id: 'execa.file', language: 'js', family: 'shell', label: 'execa command', callee: { modules: ['execa'], names: ['', 'execa', 'execaSync', 'sync'] }, args: [0] },
  { id: 'execa.shell', language: 'js', family: 'shell', label: 'execa arguments with shell: true', callee: { modules: ['execa'], names: ['', 'execa', 'execaSync', 'sync'] }, args: [1], when: 'shell-option' },
  // ---- code ----
  { id: 'eval', language: 'js', family: 'code', label: 'eval', callee: { globals: ['eval'], names: ['eval'] }, args: [0] },
  { id: 'Function', language: 'js', family: 'code', label: 'the Function constructor', callee: { globals: ['Function'], names: ['Function'] }, args: [0, 1, 2, 3, 4] },
  { id: 'vm.run', language: 'js', family: 'code', label: 'vm code evaluation', callee: { modules: ['vm'], names: ['runInContext', 'runInNewContext', 'runInThisContext', 'compileFunction'] }, args: [0] },
  { id: 'vm.Script', language: 'js', family: 'code', label: 'vm.Script', callee: { modules: ['vm'], names: ['Script'], construct: true }, args: [0] },
  { id: 'timer.string', language: 'js', family: 'code', label: 'a timer given a string of code', callee: { globals: ['setTimeout', 'setInterval', 'setImmediate'], names: ['setTimeout', 'setInterval', 'setImmediate'] }, args: [0], when: 'string-argument' },
  // ---- SQL (the query text only: values arrays are the safe way) ----
  { id: 'sql.mysql', language: 'js', family: 'sql', label: 'a MySQL query', callee: { modules: MYSQL, names: ['query', 'execute'] }, args: [0], props: ['sql'] },
  { id: 'sql.pg', language: 'js', family: 'sql', label: 'a PostgreSQL query', callee: { modules: PG, names: ['query', 'none', 'one', 'many', 'any', 'oneOrNone', 'manyOrNone', 'result', 'unsafe'] }, args: [0], props: ['text'] },
  { id: 'sql.knex', language: 'js', family: 'sql', label: 'a knex raw query', callee: { modules: ['knex'], names: ['raw', 'whereRaw', 'orWhereRaw', 'havingRaw', 'orHavingRaw', 'fromRaw', 'joinRaw', 'orderByRaw', 'groupByRaw', 'selectRaw'] }, args: [0] },
  { id: 'sql.sequelize', language: 'js', family: 'sql', label: 'sequelize.query', callee: { modules: ['sequelize', '@sequelize/core'], names: ['query', 'literal'] }, args: [0] },
  { id: 'sql.typeorm', language: 'js', family: 'sql', label: 'a TypeORM query', callee: { modules: ['typeorm'], names: ['query', 'where', 'andWhere', 'orWhere', 'having', 'orderBy'] }, args: [0] },
  { id: 'sql.prisma', language: 'js', family: 'sql', label: 'a Prisma raw query', callee: { modules: ['@prisma/client'], names: ['$queryRawUnsafe', '$executeRawUnsafe'] }, args: [0] },
  { id: 'sql.sqlite', language: 'js', family: 'sql', label: 'a SQLite query', callee: { modules: ['better-sqlite3', 'sqlite3', 'sqlite'], names: ['prepare', 'exec', 'run', 'all', 'get', 'each'], pathExcludes: ['prepare'] }, args: [0] },
  { id: 'sql.rds-data', language: 'js', family: 'sql', label: 'an RDS Data API statement', callee: { modules: ['@aws-sdk/client-rds-data'], names: ['ExecuteStatementCommand', 'BatchExecuteStatementCommand'], construct: true }, args: [0], props: ['sql'] },
  { id: 'sql.unknown', language: 'js', family: 'sql', label: 'a SQL query', callee: { names: ['query', 'execute', 'raw', 'unsafe', 'exec', 'prepare', 'all', 'run'] }, args: [0], when: 'sql-text' },
  // ---- NoSQL ----
  { id: 'ddb.command', language: 'js', family: 'nosql', label: 'a DynamoDB expression', callee: { modules: DDB_V3, names: ['ScanCommand', 'QueryCommand', 'UpdateCommand', 'DeleteCommand', 'PutCommand', 'GetCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'PutItemCommand', 'GetItemCommand', 'TransactWriteCommand', 'TransactWriteItemsCommand'], construct: true }, args: [0], props: DDB_EXPR, wholeObject: true, wholeLabel: 'a DynamoDB request' },
  { id: 'ddb.partiql', language: 'js', family: 'nosql', label: 'a PartiQL statement', callee: { modules: DDB_V3, names: ['ExecuteStatementCommand', 'BatchExecuteStatementCommand', 'ExecuteTransactionCommand'], construct: true }, args: [0], props: ['Statement'] },
  { id: 'ddb.method', language: 'js', family: 'nosql', label: 'a DynamoDB expression', callee: { modules: [...DDB_V3, 'aws-sdk', 'aws-sdk/clients/dynamodb'], names: ['scan', 'query', 'update', 'delete', 'put', 'get', 'updateItem', 'deleteItem', 'putItem', 'getItem', 'transactWrite'], pathIncludes: ['DynamoDB', 'DocumentClient', 'DynamoDBDocument', 'DynamoDBClient'] }, args: [0], props: DDB_EXPR, wholeObject: true, wholeLabel: 'a DynamoDB request' },
  { id: 'ddb.partiql-method', language: 'js', family: 'nosql', label: 'a PartiQL statement', callee: { modules: [...DDB_V3, 'aws-sdk', 'aws-sdk/clients/dynamodb'], names: ['executeStatement', 'batchExecuteStatement'] }, args: [0], props: ['Statement'] },
  { id: 'mongo.query', language: 'js', family: 'nosql', label: 'a MongoDB query', callee: { modules: ['mongodb', 'mongoose'], names: ['find', 'findOne', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'deleteOne', 'deleteMany', 'updateOne', 'updateMany', 'countDocuments', 'aggregate', 'where', 'replaceOne'] }, args: [0], props: ['$where'], wholeObject: true, wholeLabel: 'a MongoDB query object' },
  // ---- paths ----
  { id: 'fs.path', language: 'js', family: 'path', label: 'a file system path', callee: { modules: FS, names: FS_PATH_FNS } , args: [0] },
  { id: 'fs.path2', language: 'js', family: 'path', label: 'a file system path', callee: { modules: FS, names: ['copyFile', 'copyFileSync', 'rename', 'renameSync', 'link', 'linkSync', 'symlink', 'symlinkSync', 'cp', 'cpSync', 'copy', 'copySync', 'move', 'moveSync'] }, args: [0, 1] },
  // ---- SSRF ----
  { id: 'fetch', language: 'js', family: 'ssrf', label: 'fetch', callee: { globals: ['fetch'], names: ['fetch'] }, args: [0] },
  { id: 'node-fetch', language: 'js', family: 'ssrf', label: 'node-fetch', callee: { modules: ['node-fetch', 'cross-fetch', 'isomorphic-fetch'], names: ['', 'default', 'fetch'] }, args: [0] },
  { id: 'axios', language: 'js', family: 'ssrf', label: 'axios', callee: { modules: ['axios'], names: ['', 'default', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'getUri'] }, args: [0], props: ['url', 'baseURL'] },
  { id: 'got', language: 'js', family: 'ssrf', label: 'got', callee: { modules: ['got'], names: ['', 'default', 'get', 'post', 'put', 'patch', 'delete', 'head', 'stream'] }, args: [0], props: ['url', 'prefixUrl'] },
  { id: 'undici', language: 'js', family: 'ssrf', label: 'undici', callee: { modules: ['undici'], names: ['request', 'fetch', 'stream'] }, args: [0] },
  { id: 'http.request', language: 'js', family: 'ssrf', label: 'http(s).request', callee: { modules: ['http', 'https'], names: ['request', 'get'] }, args: [0], props: ['host', 'hostname', 'path'] },
  { id: 'superagent', language: 'js', family: 'ssrf', label: 'superagent', callee: { modules: ['superagent'], names: ['', 'get', 'post', 'put', 'delete', 'head', 'patch'] }, args: [0] },
  // ---- deserialisation ----
  { id: 'node-serialize', language: 'js', family: 'deserialization', label: 'node-serialize unserialize', callee: { modules: ['node-serialize', 'serialize-to-js'], names: ['unserialize', 'deserialize'] }, args: [0] },
  { id: 'js-yaml', language: 'js', family: 'deserialization', label: 'js-yaml load with an unsafe schema', callee: { modules: ['js-yaml'], names: ['load', 'loadAll'] }, args: [0], when: 'unsafe-yaml-schema' },
  { id: 'funcster', language: 'js', family: 'deserialization', label: 'funcster deepDeserialize', callee: { modules: ['funcster'], names: ['deepDeserialize'] }, args: [0] },
  // ---- templates ----
  { id: 'ejs', language: 'js', family: 'template', label: 'an EJS template', callee: { modules: ['ejs'], names: ['render', 'compile'] }, args: [0] },
  { id: 'handlebars', language: 'js', family: 'template', label: 'a Handlebars template', callee: { modules: ['handlebars'], names: ['compile', 'precompile'] }, args: [0] },
  { id: 'pug', language: 'js', family: 'template', label: 'a Pug template', callee: { modules: ['pug'], names: ['compile', 'render', 'compileClient'] }, args: [0] },
  { id: 'lodash.template', language: 'js', family: 'template', label: 'lodash.template', callee: { modules: ['lodash', 'underscore'], names: ['template'] }, args: [0] },
  { id: 'mustache', language: 'js', family: 'template', label: 'a Mustache template', callee: { modules: ['mustache'], names: ['render'] }, args: [0] },
  // ---- regular expressions ----
  { id: 'RegExp', language: 'js', family: 'regex', label: 'the RegExp constructor', callee: { globals: ['RegExp'], names: ['RegExp'] }, args: [0] },
  // ---- prototype pollution ----
  { id: 'lodash.merge', language: 'js', family: 'prototype', label: 'a deep merge', callee: { modules: ['lodash', 'deepmerge', 'merge', 'deep-extend'], names: ['merge', 'mergeWith', 'defaultsDeep', '', 'default'] }, args: [1, 2, 3], wholeObject: true },
  { id: 'deepmerge.all', language: 'js', family: 'prototype', label: 'a deep merge', callee: { modules: ['deepmerge'], names: ['all'] }, args: [0], wholeObject: true },
  { id: 'lodash.set', language: 'js', family: 'prototype', label: 'a property path write', callee: { modules: ['lodash', 'dot-prop', 'object-path', 'set-value'], names: ['set', 'setWith', 'zipObjectDeep', '', 'default'] }, args: [1] },
];

/** Values returned by these are safe for the listed families. */
export const JS_SANITIZERS: readonly SanitizerSpec[] = [
  { id: 'number', language: 'js', callee: { globals: ['Number', 'parseInt', 'parseFloat', 'Boolean', 'Math', 'BigInt', 'isNaN', 'isFinite'], names: ['Number', 'parseInt', 'parseFloat', 'Boolean', 'BigInt', 'isNaN', 'isFinite', 'isInteger', 'isSafeInteger', 'round', 'floor', 'ceil', 'abs', 'min', 'max', 'trunc'] }, sanitizes: 'all' },
  { id: 'basename', language: 'js', callee: { modules: ['path', 'path/posix', 'path/win32', 'upath'], names: ['basename', 'extname'] }, sanitizes: ['path'] },
  { id: 'shell-quote', language: 'js', callee: { modules: ['shell-quote', 'shell-escape', 'shell-escape-tag', 'any-shell-escape'], names: ['quote', '', 'default', 'escape'] }, sanitizes: ['shell'] },
  { id: 'sql-escape', language: 'js', callee: { modules: [...MYSQL, ...PG, 'sqlstring', 'pg-format', 'pg-escape'], names: ['escape', 'escapeId', 'format', 'escapeLiteral', 'escapeIdentifier', 'literal', 'ident', ''] }, sanitizes: ['sql'] },
  { id: 'html-escape', language: 'js', callee: { modules: ['escape-html', 'he', 'html-escaper', 'xss', 'sanitize-html', 'dompurify', 'isomorphic-dompurify', 'validator', 'entities'], names: ['', 'default', 'escape', 'encode', 'sanitize', 'filterXSS', 'encodeHTML', 'escapeUTF8'] }, sanitizes: ['html'] },
  { id: 'lodash-escape', language: 'js', callee: { modules: ['lodash', 'underscore'], names: ['escape'] }, sanitizes: ['html'] },
  { id: 'lodash-escape-regexp', language: 'js', callee: { modules: ['lodash'], names: ['escapeRegExp'] }, sanitizes: ['regex'] },
  { id: 'lodash-number', language: 'js', callee: { modules: ['lodash', 'underscore'], names: ['toNumber', 'toInteger', 'toSafeInteger', 'toFinite'] }, sanitizes: 'all' },
  { id: 'escape-regexp', language: 'js', callee: { modules: ['escape-string-regexp', 'escape-regexp'], names: ['', 'default'] }, sanitizes: ['regex'] },
  { id: 'encode-uri', language: 'js', callee: { globals: ['encodeURIComponent'], names: ['encodeURIComponent'] }, sanitizes: ['urlencoded', 'redirect'] },
  { id: 'schema', language: 'js', callee: { modules: ['zod', 'joi', '@hapi/joi', 'yup', 'superstruct', 'valibot', '@sinclair/typebox', 'ajv', 'io-ts', 'class-validator'], names: ['parse', 'parseAsync', 'validateSync', 'cast', 'create', 'assert', 'attempt', 'decode', 'safeParse', 'safeParseAsync', 'validate', 'validateAsync'] }, sanitizes: 'all' },
  { id: 'uuid-validate', language: 'js', callee: { modules: ['uuid'], names: ['validate', 'v4', 'v1', 'v7', 'parse'] }, sanitizes: 'all' },
  { id: 'hash', language: 'js', callee: { modules: ['crypto', 'bcrypt', 'bcryptjs', 'argon2'], names: ['digest', 'hash', 'hashSync', 'randomUUID', 'randomBytes', 'createHash', 'createHmac', 'compare', 'compareSync', 'verify'] }, sanitizes: 'all' },
];
