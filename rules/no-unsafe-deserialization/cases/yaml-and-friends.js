// No config names this handler: the whole event is attacker data.
const yaml = require('js-yaml');
const { unserialize } = require('node-serialize');
const funcster = require('funcster');

exports.handler = async (event, context) => {
  // js-yaml 3's full schema (and js-yaml-js-types in 4) builds functions from !!js/function.
  // ruleid: no-unsafe-deserialization
  const config = yaml.load(event.config, { schema: yaml.DEFAULT_FULL_SCHEMA });
  // The default schema of js-yaml 4 only builds plain data.
  // ok: no-unsafe-deserialization
  const plain = yaml.load(event.config);
  // ok: no-unsafe-deserialization
  const safe = yaml.load(event.config, { schema: yaml.JSON_SCHEMA });
  // ruleid: no-unsafe-deserialization
  const state = unserialize(event.state);
  // ruleid: no-unsafe-deserialization
  const fn = funcster.deepDeserialize(event.fn);
  // ok: no-unsafe-deserialization
  const defaults = unserialize('{"theme":"dark"}');
  return { config, plain, safe, state, fn, defaults };
};
