// The shared card-text vectors (../tests/vectors/card_lines.json, also run by pytest against
// scrapers/pages/supplier_search_ai_2026.py) against lib/card-lines.js, with the shared spec.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { textLineSignals } from "../src/lib/card-lines.js";
import SHARED from "../src/lib/readspec-shared.js";

const file = new URL("../../tests/vectors/card_lines.json", import.meta.url);
const { cases } = JSON.parse(readFileSync(file, "utf8"));
const spec = SHARED.kinds["supplier-search-ai-2026"].text_lines;

for (const c of cases) {
  test(`card lines: ${c.name}`, () => {
    assert.deepEqual(textLineSignals(c.lines, spec), c.expect);
  });
}
