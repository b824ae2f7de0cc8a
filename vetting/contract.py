"""Contract checklist: is each term Trade Assurance needs present, missing or vague? Pure.

Seed rule 4: the contract must state the shipment date and precise requirements (size, number of
items, materials, colour, packaging); Alibaba will not act on requirements that were not
specified. Seed rule 7: "good quality" is not a standard, so a quality standard / inspection term
and the trade terms (Incoterms with a named place) are checked too.

Input: structured terms (a dict from JSON or YAML; keys are matched through aliases such as
``color`` or ``qty``) and/or the contract's free text ("Colour: navy" lines or sentences).
When both mention a term, the more specific answer wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

MISSING_WHY = "not stated: Alibaba will not act on requirements the contract does not specify"
VALUE_PREVIEW = 120
# Bounds on the work per request: no precise term is longer than this, and a contract that
# states one term more often than this repeats itself (the first statements are judged).
MAX_STATEMENT_CHARS = 2_000
MAX_STATEMENTS = 50
_MONTHS = (
    r"jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t|tember)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?"
)
_COLOURS = (
    r"black|white|red|blue|green|yellow|orange|purple|violet|pink|brown|gr[ae]y|navy|beige|"
    r"ivory|khaki|silver|gold(en)?|maroon|teal|turquoise|cyan|magenta|olive|cream|tan|"
    r"charcoal|burgundy|transparent|clear|natural"
)
_MATERIALS = (
    r"cotton|polyester|nylon|spandex|elastane|wool|silk|linen|leather|steel|aluminium|"
    r"aluminum|abs|pp|pe|pvc|glass|oak|pine|bamboo|ceramic|brass|copper|zinc|silicone|rubber"
)
# Phrases that sound like a requirement and are not one: (pattern, why, always). When ``always``
# is False the phrase is forgiven if the statement is also specific ("navy, as sample").
VAGUE_PHRASES: list[tuple[str, str, bool]] = [
    (r"\b(about|approx(imately|\.)?|around|roughly|circa)\b|~", "is approximate", True),
    (r"\b(asap|as soon as possible|soon|promptly|quickly)\b", "is not a date", True),
    (r"\b(tbd|tbc|to be (confirmed|determined|agreed|decided)|negotiable)\b", "is left open", True),
    (r"\b(good|high|best|top|premium|excellent|fine|nice)[- ](quality|material|grade)\b",
     "is praise, not a measurable standard (seed rule 7)", False),
    (r"\bas (per )?(the )?(sample|picture|photo|image)s?\b",
     "does not say which sample or what it measures", False),
    (r"\b(standard|normal|usual|regular|common)\b", "names no standard: whose 'standard'?", False),
    (r"\b(assorted|random|mixed|various|any)\b", "lets the supplier choose", False),
    (r"\b(as (discussed|agreed)|same as (before|last time)|etc\.?)$", "refers to nothing written",
     False),
]  # fmt: skip


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    aliases: tuple[str, ...]  # structured-term keys and free-text labels
    keywords: str  # regex finding the term in free text
    specific: str  # regex a precise statement of the term matches
    source: str
    hint: str  # what a precise statement looks like
    # Also precise: a word matching this followed anywhere later by a digit ("XL ... 200").
    # Checked in two linear steps; the regex ``word.*\d`` is quadratic over many such words.
    then_digit: str | None = None


TERMS: list[Term] = [
    Term("shipment_date", "Shipment date",
         ("shipment_date", "ship_date", "shipping_date", "shipment", "delivery_date",
          "delivery_time", "lead_time"),
         r"\b(ship(ment|ping)?|dispatch|deliver(y|ed)?|lead[- ]time)\b",
         r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
         rf"|\b\d{{1,2}}(st|nd|rd|th)?\s++({_MONTHS})\b|\b({_MONTHS})\.?\s++\d{{1,2}}(st|nd|rd|th)?\b"
         r"|\bwithin\s++\d++\s++(calendar |working |business )?days\b",
         "seed rule 4", "a calendar date (2026-03-15) or 'within 30 days after the deposit'"),
    Term("product_size", "Product size", ("product_size", "size", "sizes", "dimensions"),
         r"\b(sizes?|dimensions?|measurements?)\b",
         r"\d\s*+(mm|cm|m|in|inch|inches|ft|\"|')(\b|\s|$)",
         "seed rule 4", "measurements with units or a size chart with quantities per size",
         then_digit=r"\b(xxs|xs|s|m|l|xl|xxl|\dxl|size chart)\b"),
    Term("quantity", "Number of items",
         ("quantity", "qty", "number_of_items", "items", "number_of_pieces", "pieces"),
         r"\b(quantity|qty|number of (items|pieces|units))\b"
         r"|\b(?<!\d)(?<!\d,)\d[\d,]*(\s*+(pcs|pieces|units|sets|pairs)\b)",
         r"(?<!\d)(?<!\d,)\d[\d,]*(\s*+(pcs|pieces|units|sets|pairs|items|cartons|dozen))?\b",
         "seed rule 4", "an exact count with its unit (5,000 pcs)"),
    Term("materials", "Materials", ("materials", "material", "fabric", "composition"),
         rf"\b(materials?|fabrics?|made of|composition|{_MATERIALS})\b",
         rf"(?<!\d)\d++\s*+%|\b\d++\s*+(gsm|g/m2|denier|d|mm|oz)\b|\b({_MATERIALS})\b",
         "seed rule 4", "the material and grade (95% cotton 5% elastane, 180 gsm)"),
    Term("colour", "Colour", ("colour", "color", "colours", "colors"),
         rf"\b(colou?rs?|pantone|{_COLOURS})\b",
         rf"\b({_COLOURS})\b|\bpantone\b|\bral\s*+\d|#[0-9a-f]{{6}}\b", "seed rule 4",
         "named colours or Pantone codes per item (Pantone 19-4052 TCX)"),
    Term("packaging", "Packaging", ("packaging", "packing", "package", "packages"),
         r"\b(pack(aging|ing|ed)?|cartons?|polybags?)\b",
         r"\d|\b(polybag|poly bag|carton|box|pallet|blister|hang ?tag|label|barcode|"
         r"shrink|bubble)\b",
         "seed rule 4", "units per carton, inner packing, carton size and marks"),
    Term("quality_standard", "Quality standard / inspection",
         ("quality_standard", "quality", "inspection", "aql", "standards"),
         r"\b(quality|aql|inspect(ion)?|defects?|tolerances?)\b",
         r"\baql\b|\biso\s*+\d|\ben\s*+\d|\bastm\b|\bgb\s*+/?t?\s*+\d|\binspect(ion|ed)?\b"
         r"|\btest report\b",
         "seed rule 7", "a measurable standard and an inspection (AQL 2.5, pre-shipment)",
         then_digit=r"\b(defects?|tolerance)\b"),
    Term("incoterms", "Trade terms (Incoterms)", ("incoterms", "incoterm", "trade_terms", "terms"),
         r"\b(incoterms?|exw|fca|fas|fob|cfr|cif|cpt|cip|dap|dpu|ddp)\b",
         r"\b(exw|fca|fas|fob|cfr|cif|cpt|cip|dap|dpu|ddp)\b(\s++incoterms?\s*+\d{4})?\s*+[,:]?"
         r"\s*+[A-Za-z]{3,}",
         "DESIGN §4 (trade terms)", "an Incoterm with a named place (FOB Shenzhen)"),
]  # fmt: skip

_RANK = {"missing": 0, "vague": 1, "present": 2}
# "Label: value". The value is stripped in Python: a regex ``(.+?)\s*$`` backtracks
# quadratically over a long run of spaces followed by a non-space (ReDoS).
_LABELLED = re.compile(r"[^\S\n]*+([A-Za-z](?:[A-Za-z /_-]{0,29}[A-Za-z])?)[^\S\n]*+[:=](.*)")
# Semicolons, and full stops that end a sentence (followed by a capital letter).
_SENTENCE_SPLIT = re.compile(r";|(?<=[A-Za-z0-9)])\.\s++(?=[A-Z])")
_DIGIT = re.compile(r"\d")
_INCOTERM_ALONE = re.compile(r"^\s*(exw|fca|fas|fob|cfr|cif|cpt|cip|dap|dpu|ddp)\s*$", re.I)


# Matched against lowercased text: IGNORECASE makes these long alternations ~5x slower.
_KEYWORDS = {term.key: re.compile(term.keywords) for term in TERMS}


def _key(text: str) -> str:
    return re.sub(r"[\s/-]+", "_", text.strip().lower())


def _as_text(value: Any) -> str | None:
    if value is None or value == "" or value == [] or value == {}:
        return None
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value).strip() or None


def judge(term: Term, value: str | None) -> tuple[str, str]:
    """(status, why) for one statement of ``term``."""
    if not value:
        return "missing", f"{MISSING_WHY} (needs {term.hint})"
    value = value[:MAX_STATEMENT_CHARS]
    text = value.lower()
    specific = _is_specific(term, text)  # text is lowercase: no IGNORECASE needed
    if term.key == "incoterms" and _INCOTERM_ALONE.match(value):
        return "vague", f"names no place: use {term.hint}"
    for pattern, why, always in VAGUE_PHRASES:
        match = re.search(pattern, text)
        if match and (always or not specific):
            return "vague", f"'{match.group(0).strip()}' {why}; needs {term.hint}"
    if term.key == "shipment_date" and not specific and re.search(rf"\b({_MONTHS})\b", text):
        return "vague", f"a month without a day; needs {term.hint}"
    if not specific:
        return "vague", f"not precise; needs {term.hint}"
    return "present", f"states: {value[:VALUE_PREVIEW]}"


def _is_specific(term: Term, text: str) -> bool:
    if re.search(term.specific, text):
        return True
    if term.then_digit is None:
        return False
    # A digit after the first such word exists iff one exists after any of them.
    word = re.search(term.then_digit, text)
    return word is not None and _DIGIT.search(text, word.end()) is not None


def _from_terms(terms: dict[str, Any]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    normalised = {_key(k): v for k, v in terms.items()}
    for term in TERMS:
        for alias in term.aliases:
            if alias in normalised and _as_text(normalised[alias]):
                found[term.key] = _as_text(normalised[alias])
                break
    return found


def clauses(text: str) -> list[str]:
    """Lines, then sentences and semicolon parts of the free text."""
    out = []
    for line in text.splitlines():
        out += [c.strip() for c in _SENTENCE_SPLIT.split(line) if c.strip()]
    return out


def _from_text(text: str) -> dict[str, list[str]]:
    """Term key -> statements found: labelled lines ("Colour: navy") first, then keywords."""
    found: dict[str, list[str]] = {}
    unlabelled = []
    for clause in clauses(text):
        m = _LABELLED.match(clause)
        value = m.group(2).strip() if m else ""
        term = _term_for_label(m.group(1)) if m and value else None
        if term:
            found.setdefault(term.key, []).append(value)
        else:
            unlabelled.append(clause)
    lowered = [c.lower() for c in unlabelled]
    for term in TERMS:
        if term.key in found:
            continue
        keywords = _KEYWORDS[term.key]
        hits = [c for c, low in zip(unlabelled, lowered, strict=True) if keywords.search(low)]
        if hits:
            found[term.key] = hits
    return found


def _term_for_label(label: str) -> Term | None:
    return _BY_LABEL.get(_key(label))


# Every alias and label (normalised) -> its term; the first term wins, as in TERMS order.
_BY_LABEL: dict[str, Term] = {}
for _term in TERMS:
    for _name in (*_term.aliases, _key(_term.label)):
        _BY_LABEL.setdefault(_name, _term)


def check_contract(terms: dict[str, Any] | None = None, text: str | None = None) -> list[dict]:
    """One row per term in `TERMS`: {term, label, status (present|missing|vague), why, source}."""
    structured = _from_terms(terms or {})
    free = _from_text(text or "")
    rows = []
    for term in TERMS:
        candidates = [structured.get(term.key), *free.get(term.key, [])]
        stated = [c for c in candidates if c][:MAX_STATEMENTS]
        verdicts = [judge(term, c) for c in stated] or [judge(term, None)]
        status, why = max(verdicts, key=lambda v: _RANK[v[0]])
        rows.append(
            {"term": term.key, "label": term.label, "status": status, "why": why,
             "source": term.source}
        )  # fmt: skip
    return rows
