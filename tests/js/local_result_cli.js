#!/usr/bin/env node
/* Test harness: reads {"urls": {url: JSON}, "runs": [{"answers", "lang"}]} on stdin and writes the array of
   pwa/js/local-result.js views on stdout, its loader answering from `urls` (what a phone has cached). */
"use strict";
const fs = require("fs");
const LocalResult = require("../../pwa/js/local-result.js");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const load = (url) => input.urls[url] || null;
Promise.all(input.runs.map((run) => LocalResult.localResult(run.answers, run.lang, load))).then(
  (views) => process.stdout.write(JSON.stringify(views)),
  (error) => { console.error(error); process.exit(1); },
);
