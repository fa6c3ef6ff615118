#!/usr/bin/env node
/* Test harness: reads a JSON array of {answers, skipped} on stdin, writes the array of pwa/js/interview.js
   answers (against server/triage/rules.json) on stdout. One process for many inputs keeps tests fast. */
"use strict";
const fs = require("fs");
const path = require("path");
const Interview = require("../../pwa/js/interview.js");

const rules = JSON.parse(fs.readFileSync(path.join(__dirname, "../../server/triage/rules.json"), "utf8"));
const inputs = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(inputs.map((input) => Interview.next(input.answers, rules, input.skipped))));
