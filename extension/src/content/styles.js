//# allFunctionsCalledOnLoad
// Badge and panel styles, inside each shadow root (style isolation both ways). Tones are never
// the only signal: every state also has a glyph and words.

export const CSS = `
:host { all: initial; display: block; margin: 4px 0; font: 12px/1.35 system-ui, sans-serif; }
.badge { display: inline-flex; flex-wrap: wrap; gap: 4px 8px; align-items: center;
  border: 1px solid #888; border-radius: 6px; padding: 3px 7px; background: #fff; color: #222;
  cursor: pointer; font: inherit; text-align: left; max-width: 100%; }
.badge:focus-visible { outline: 2px solid #1a5fb4; outline-offset: 2px; }
.grade { font-weight: 700; min-width: 1.6em; text-align: center; border-radius: 4px;
  padding: 0 3px; background: #eee; }
.tone-good { border-color: #2e7d32; } .tone-good .grade { background: #c8e6c9; }
.tone-warn { border-color: #b26a00; } .tone-warn .grade { background: #ffe0b2; }
.tone-danger { border-color: #c62828; background: #fff5f5; }
.tone-danger .grade { background: #ffcdd2; }
.tone-danger .flag { color: #b71c1c; font-weight: 700; }
.tone-none { border-style: dashed; }
.details { margin-top: 4px; padding: 6px 8px; border: 1px solid #ccc; border-radius: 6px;
  background: #fff; color: #222; max-width: 420px; }
.details h4 { margin: 4px 0 2px; font-size: 12px; }
.details ul { margin: 0; padding-left: 16px; }
.details a { color: #1a5fb4; }
.panel { position: fixed; right: 12px; bottom: 12px; z-index: 2147483646; max-height: 60vh;
  overflow: auto; width: 340px; background: #fff; color: #222; border: 1px solid #888;
  border-radius: 8px; padding: 8px; box-shadow: 0 2px 10px rgba(0,0,0,.25); }
.panel h3 { margin: 0 0 6px; font-size: 13px; }
.panel li { list-style: none; margin: 4px 0; }
.panel ul { margin: 0; padding: 0; }
.row-name { display: block; font-weight: 600; }
.notice { position: fixed; left: 12px; bottom: 12px; z-index: 2147483646; margin: 0;
  background: #fff8e1; color: #222; border: 1px solid #b26a00; border-radius: 6px;
  padding: 6px 10px; font: 12px/1.35 system-ui, sans-serif; }
`;

let shared = null;

/** Attach the styles to a shadow root: one constructed sheet shared by every badge. */
export function adoptStyles(shadow) {
  if (typeof CSSStyleSheet === "function" && "adoptedStyleSheets" in shadow) {
    if (!shared) {
      shared = new CSSStyleSheet();
      shared.replaceSync(CSS);
    }
    shadow.adoptedStyleSheets = [shared];
    return;
  }
  const style = shadow.ownerDocument.createElement("style");
  style.textContent = CSS;
  shadow.append(style);
}
