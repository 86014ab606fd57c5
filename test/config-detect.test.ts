// Which YAML/JSON files are deployment configs: decided by content, not by the `.template` name.
import './setup.js';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../server/src/engine/engine.js';
import { MemoryHost } from '../server/src/engine/host.js';
import { allRules } from '../rules/index.js';
import { mayBeConfig } from '../server/src/engine/config/detect.js';

const ROOT = '/ws';

function engineFor(files: Record<string, string>): Engine {
  const engine = new Engine({ root: ROOT, host: new MemoryHost(new Map(Object.entries(files).map(([k, v]) => [`${ROOT}/${k}`, v]))), rules: allRules });
  engine.discover();
  return engine;
}

const ALEXA_ONLY = `Resources:
  Skill:
    Type: Alexa::ASK::Skill
    Properties:
      AuthenticationConfiguration:
        ClientId: amzn1.application-oa2-client.abc
`;

describe('config detection by content', () => {
  it('does not parse a *.template file that is not a template (no parse error on a mail template)', () => {
    const engine = engineFor({
      'mail/welcome.template': 'Hello {{name}},\n  welcome: to: the: service\n<p>{{#items}}</p>\n',
      'docs/readme.template': '# Title\nkey: [unclosed\n',
    });
    const findings = [...engine.analyzeWorkspace().results.values()].flat();
    assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.span.file}`), []);
    assert.equal(engine.model().model.configs.length, 0);
  });

  it('reads a *.template file that holds a template, JSON or YAML', () => {
    const engine = engineFor({
      'app/serverless.template': JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Transform: 'AWS::Serverless-2016-10-31', Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Handler: 'x::y::z', Runtime: 'dotnet8' } } } }, null, 2),
      'infra/stack.template': 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n',
    });
    const configs = engine.model().model.configs.map((c) => [c.file.slice(ROOT.length + 1), c.format]);
    assert.deepEqual(configs.sort(), [['app/serverless.template', 'sam'], ['infra/stack.template', 'cloudformation']]);
  });

  it('a template whose resources are all non-AWS types is still CloudFormation', () => {
    const engine = engineFor({ 'skill/skill.yaml': ALEXA_ONLY, 'atlas/cluster.template': 'Resources:\n  Cluster:\n    Type: MongoDB::Atlas::Cluster\n    Properties:\n      Name: c\n' });
    const configs = engine.model().model.configs.map((c) => [c.file.slice(ROOT.length + 1), c.format]);
    assert.deepEqual(configs.sort(), [['atlas/cluster.template', 'cloudformation'], ['skill/skill.yaml', 'cloudformation']]);
  });

  it('the text check: registry types and Custom:: resources count, a `Type:` of another shape does not', () => {
    assert.equal(mayBeConfig('/ws/a.yaml', ALEXA_ONLY), true);
    assert.equal(mayBeConfig('/ws/a.yaml', 'Resources:\n  R:\n    Type: Custom::Seeder\n'), true);
    assert.equal(mayBeConfig('/ws/a.template', 'Type: text/html\nservice: mail\n'), false);
    assert.equal(mayBeConfig('/ws/a.yaml', 'Type: text/html\n'), false);
  });
});
