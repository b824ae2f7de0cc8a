#!/usr/bin/env node
// Which signals the extension's reader reads, per page kind (for the parity test).
import SPEC from "../src/lib/readspec.js";

const out = {};
for (const rule of SPEC.pages) out[rule.kind] = [...new Set([...(out[rule.kind] || []), ...Object.keys(rule.signals)])];
process.stdout.write(JSON.stringify(out));
