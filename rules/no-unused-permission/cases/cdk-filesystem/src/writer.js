const fs = require('fs');

exports.handler = async () => {
  fs.writeFileSync('/mnt/data/last-run', new Date().toISOString());
};
