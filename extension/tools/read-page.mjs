#!/usr/bin/env node
// The extension's page reader on raw HTML: `node read-page.mjs URL < page.html` prints
// {blocked, page} as JSON. The parity test (tests/test_extension_parity.py) runs every real page
// through this and through scrapers.pages.parse_page.
import { readFileSync } from "node:fs";

import { htmlInputs } from "../src/lib/html-inputs.js";
import { blockReason } from "../src/lib/blocked.js";
import { readPage } from "../src/lib/reader.js";

const html = readFileSync(0, "utf8");
const url = process.argv[2] || "";
const blocked = blockReason(html, url);
const page = blocked ? null : readPage({ url, ...htmlInputs(html) });
process.stdout.write(JSON.stringify({ blocked, page }));
