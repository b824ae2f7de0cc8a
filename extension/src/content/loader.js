// Content scripts cannot be ES modules: this classic script imports the real entry point (an
// extension resource) into the content script's isolated world.
(async () => {
  // The module URL is this extension's own packaged file (no remote code).
  // eslint-disable-next-line no-unsanitized/method
  const { start } = await import(chrome.runtime.getURL("src/content/main.js"));
  await start(window);
})().catch((err) => console.warn("supplier-vetting:", err && err.message));
