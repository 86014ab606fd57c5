// No config: handlers are found by their export name or an (event, context) signature, and the
// whole event is attacker data.
const vm = require('vm');

async function main(event) {
  // ruleid: no-event-data-in-code-eval
  return vm.runInThisContext(event.script);
}

const process_ = (evt, ctx) => {
  // ruleid: no-event-data-in-code-eval
  return eval(evt.expression);
};

// Not a handler: nothing says what reaches it.
function evaluate(expression) {
  // ok: no-event-data-in-code-eval
  return eval(expression);
}

module.exports = { main, process: process_, evaluate };
