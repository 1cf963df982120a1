#!/usr/bin/env node
'use strict';
const argv = process.argv.slice(2);
require('./load-cli.js')
  .loadCli(argv)
  .main(argv)
  .then((code) => {
    process.exitCode = code;
  });
