// Preloaded into a benchmarked process (`node -r scripts/bench/rss.cjs ...`): on exit, writes its peak
// resident set size (bytes) and CPU time (ms, user + system) as JSON to the file FG_BENCH_RSS_FILE
// names. CPU time says what the process cost even when other work shares the machine.
'use strict';
const fs = require('node:fs');
const file = process.env.FG_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const r = process.resourceUsage();
    fs.writeFileSync(file, JSON.stringify({ rss: r.maxRSS * 1024, cpu: (r.userCPUTime + r.systemCPUTime) / 1000 }));
  });
}
