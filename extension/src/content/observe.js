// Signals visible on a card, for "contribute what I see" (off by default) and for the batched
// lookup's observed items. Only what the DOM states plainly; anything else stays unknown.

import { OBSERVED } from "./selectors.js";

const YEARS = /(\d{1,2})/;

/** { name: value } of the signals the card shows; {} when it shows none we trust. */
export function observedSignals(card) {
  const signals = {};
  if (card.classList.contains(OBSERVED.taMarkCardClass)) signals.trade_assurance = true;
  const years = card.querySelector(OBSERVED.yearsTag);
  const match = years ? YEARS.exec(years.textContent || "") : null;
  if (match) signals.years_on_alibaba = Number(match[1]);
  return signals;
}
