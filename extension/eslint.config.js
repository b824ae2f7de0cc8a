// Lint for the extension, run by test/lint.test.js: no innerHTML-style sinks (scraped and API
// text is untrusted), no eval, no remote code.
import noUnsanitized from "eslint-plugin-no-unsanitized";

const browserGlobals = Object.fromEntries([
  "window", "document", "chrome", "console", "performance", "fetch", "URL", "AbortController",
  "MutationObserver", "CSSStyleSheet", "FormData", "setTimeout", "clearTimeout", "globalThis",
  "self", "Blob", "navigator",
].map((name) => [name, "readonly"]));

export default [
  {
    files: ["src/**/*.js", "test/**/*.js"],
    languageOptions: { ecmaVersion: 2023, sourceType: "module", globals: browserGlobals },
    plugins: { "no-unsanitized": noUnsanitized },
    rules: {
      "no-unsanitized/method": "error",
      "no-unsanitized/property": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-script-url": "error",
      "no-restricted-properties": ["error",
        { property: "innerHTML", message: "use textContent" },
        { property: "outerHTML", message: "use textContent" },
        { property: "insertAdjacentHTML", message: "build nodes instead" },
        { object: "document", property: "write", message: "build nodes instead" }],
      "no-undef": "error",
      "max-len": ["error", { code: 100, ignoreUrls: true, ignoreStrings: true,
        ignoreTemplateLiterals: true, ignoreRegExpLiterals: true }],
      "no-unused-vars": "error",
    },
  },
  {
    files: ["src/content/loader.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    files: ["test/**/*.js"],
    languageOptions: { globals: { process: "readonly" } },
    rules: { "no-script-url": "off" }, // tests feed hostile URLs on purpose
  },
];
