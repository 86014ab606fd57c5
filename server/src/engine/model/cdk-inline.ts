// CDK `code: lambda.Code.fromInline('...')` (or `new InlineCode('...')`): the function's code is the
// string, analysed as a file of its own, with positions inside the string literal when it is written
// without escapes (else at the literal).
import ts from 'typescript';
import type { Construct, CV } from '../config/cdk/interp.js';
import type { HandlerRef } from './types.js';
import { languageOf } from './handlers.js';
import { litOf, propExpr } from './cdk-parts.js';

export function cdkInlineHandler(c: Construct, code: CV | undefined, handler: string | undefined, handlerSpan: HandlerRef['span'], runtime: string | undefined): HandlerRef | undefined {
  const isInline = (code?.k === 'call' && /^(?:Code|InlineCode)\.fromInline$/.test(code.path.join('.'))) || (code?.k === 'new' && code.cls === 'InlineCode');
  const language = languageOf(runtime);
  if (!isInline || (language !== 'js' && language !== 'python')) return undefined;
  const text = litOf(code.args[0]);
  if (!text?.trim()) return undefined;
  const expr = propExpr(c, 'code');
  const arg = expr && (ts.isCallExpression(expr) || ts.isNewExpression(expr)) ? expr.arguments?.[0] : undefined;
  let offsets: number[];
  let exact = false;
  if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) && arg.getText(c.src.sf).slice(1, -1) === text) {
    const start = arg.getStart(c.src.sf) + 1;
    offsets = Array.from({ length: text.length + 1 }, (_, i) => start + i);
    exact = true;
  } else {
    const at = arg ? arg.getStart(c.src.sf) : expr ? expr.getStart(c.src.sf) : handlerSpan.start;
    offsets = new Array<number>(text.length + 1).fill(at);
  }
  const h = handler ?? 'index.handler';
  const dot = h.lastIndexOf('.');
  const origin = c.src.file;
  const file = `${origin}#${c.path.join('_').replace(/[^\w.-]/g, '_')}.${language === 'js' ? 'js' : 'py'}`;
  return { text: h, span: handlerSpan, exportPath: [dot >= 0 ? h.slice(dot + 1) : h], language, inline: { file, origin, text, offsets, exact, hostStart: arg ? arg.getStart(c.src.sf) : offsets[0] } };
}
