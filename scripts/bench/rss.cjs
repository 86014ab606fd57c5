// Preloaded into a benchmarked process (`node -r scripts/bench/rss.cjs ...`): on exit, writes its peak
// resident set size (bytes) to the file named by FG_BENCH_RSS_FILE.
'use strict';
const fs = require('node:fs');
const file = process.env.FG_BENCH_RSS_FILE;
if (file) process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
