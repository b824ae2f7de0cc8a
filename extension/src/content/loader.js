// Content scripts cannot be ES modules: this classic script imports the real entry point (an
// extension resource) into the content script's isolated world.
// The modules every page runs begin with `//# allFunctionsCalledOnLoad` (V8's explicit compile
// hints, Chrome 136+): their functions are compiled at once rather than one by one on first call
// while the page waits, which was a third of reading a product page. Other engines ignore it.
(async () => {
  // The module URL is this extension's own packaged file (no remote code).
  // eslint-disable-next-line no-unsanitized/method
  const { start } = await import(chrome.runtime.getURL("src/content/main.js"));
  await start(window);
})().catch((err) => console.warn("supplier-vetting:", err && err.message));
