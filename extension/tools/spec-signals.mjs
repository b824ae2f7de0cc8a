#!/usr/bin/env node
// Which signals the extension's reader reads, per reading rule (a page's `generation` in the
// reader's output), for the parity test.
import SPEC from "../src/lib/readspec.js";
import SHARED from "../src/lib/readspec-shared.js";

const out = {};
for (const rule of SPEC.pages) out[`${rule.kind}-${rule.generation}`] = Object.keys(rule.signals);
for (const [kind, spec] of Object.entries(SHARED.kinds)) {
  out[kind] = Object.entries(spec.signals).filter(([, r]) => r.kind !== "transactions")
    .map(([name]) => name);
}
process.stdout.write(JSON.stringify(out));
