#!/usr/bin/env node
'use strict';
require('./load-cli.js')
  .loadCli()
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
