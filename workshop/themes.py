"""Theme tagging: a stemmed lexicon per theme, and corrections that teach it.

Each theme's evidence comes from its label, description and keywords, plus a built-in
domain lexicon for the reference commissioning themes (workshop/lexicon.py). A comment
scores each theme by the terms it contains, weighted so that terms shared by many themes
count for less. A facilitator's corrections add the corrected comment's terms to those
themes, and a later comment much like a corrected one takes its themes.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from workshop.lexicon import DOMAIN_TERMS

# Below this score nothing fits well enough: the comment stays "unassigned".
MIN_SCORE = 1.0
# A second or third theme is kept only if it scores at least this share of the first.
SECONDARY_SHARE = 0.6
MAX_THEMES = 3
# Weights of a term by where it came from.
W_DOMAIN, W_KEYWORD, W_LABEL, W_DESCRIPTION, W_LEARNED = 1.0, 1.0, 0.8, 0.5, 0.6
# A comment this similar (Jaccard on terms) to a corrected one takes its themes.
NEIGHBOUR_SIMILARITY = 0.5

STOPWORDS = frozenset("""a about above after again against all also am an and any are as at
be because been before being below between both but by can could did do does doing down
during each e eg etc few for from further had has have having he her here hers him his how
i if in into is it its itself just may me might more most must my no nor not now of off
on once only or other our ours out over own same she should so some such than that the
their theirs them then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your yours
thing things way ways need needs needed felt feel think thought said say people
participant participants one also e.g. i.e. using used use make made get got""".split())

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_SUFFIXES = ("ational", "ations", "ation", "ements", "ement", "ments", "ment", "ities", "ity",
             "ness", "ings", "ing", "ied", "ies", "ers", "er", "ed", "es", "ly", "s")


def stem(word: str) -> str:
    """A light suffix-stripping stemmer: good enough to join tender/tendering/tenders."""
    word = word.lower().strip("'-")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                word += "y"
            break
    return word.rstrip("e") if len(word) > 4 else word


def terms(text: str) -> list[str]:
    """Stems of the content words of a text, in order."""
    return [stem(w) for w in _WORD.findall(text.lower().replace("’", "'"))
            if w not in STOPWORDS and len(w) > 1]


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(terms(text))


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeTag:
    theme_id: str
    confidence: float
    source: str = "auto"


def themes_from_dicts(items) -> list[Theme]:
    themes, seen = [], set()
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise ValueError(f"theme {i + 1} is not a mapping")
        theme_id, label = str(item.get("id") or "").strip(), str(item.get("label") or "").strip()
        if not theme_id or not label:
            raise ValueError(f"theme {i + 1} needs an id and a label")
        if theme_id in seen:
            raise ValueError(f"theme id {theme_id!r} is used twice")
        unknown = set(item) - {"id", "label", "description", "keywords"}
        if unknown:
            raise ValueError(f"theme {theme_id!r} has unknown field {sorted(unknown)[0]!r}")
        keywords = item.get("keywords") or []
        if not isinstance(keywords, list):
            raise ValueError(f"theme {theme_id!r}: keywords must be a list")
        seen.add(theme_id)
        themes.append(Theme(theme_id, label, str(item.get("description") or "").strip(),
                            tuple(str(k) for k in keywords)))
    return themes


def load_codebook(path) -> list[Theme]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{path.name}: cannot be read as YAML ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("themes"), list):
        raise ValueError(f"{path.name}: needs a top-level 'themes:' list")
    try:
        return themes_from_dicts(data["themes"])
    except ValueError as exc:
        raise ValueError(f"{path.name}: {exc}") from exc


class Tagger:
    """Suggests themes for comments; learns from a person's corrections."""

    def __init__(self, themes: list[Theme]):
        self.themes = list(themes)
        self._lock = threading.Lock()
        evidence: dict[str, dict[tuple[str, ...], float]] = {t.id: {} for t in self.themes}

        def add(theme_id, phrase, weight):
            p = _phrase(phrase)
            if p:
                evidence[theme_id][p] = max(evidence[theme_id].get(p, 0.0), weight)

        for t in self.themes:
            for word in terms(t.description):
                evidence[t.id][(word,)] = max(evidence[t.id].get((word,), 0), W_DESCRIPTION)
            for word in terms(t.label):
                evidence[t.id][(word,)] = max(evidence[t.id].get((word,), 0), W_LABEL)
            for k in t.keywords:
                add(t.id, k, W_KEYWORD)
            for k in DOMAIN_TERMS.get(t.id, ()):
                add(t.id, k, W_DOMAIN)
        # Terms that point at many themes say little about any one of them.
        spread = Counter(p for ev in evidence.values() for p in ev)
        n = max(len(self.themes), 1)
        self._evidence = {tid: {p: w * (1 + math.log(n / spread[p])) / (1 + math.log(n))
                                for p, w in ev.items()} for tid, ev in evidence.items()}
        self._learned: dict[str, Counter] = {t.id: Counter() for t in self.themes}
        self._examples: list[tuple[frozenset[str], tuple[str, ...]]] = []

    def _scores(self, words: list[str]) -> Counter:
        scores: Counter = Counter()
        joined = " " + " ".join(words) + " "
        bag = set(words)
        for tid, ev in self._evidence.items():
            for phrase, weight in ev.items():
                if len(phrase) == 1:
                    if phrase[0] in bag:
                        scores[tid] += weight
                elif " " + " ".join(phrase) + " " in joined:
                    scores[tid] += weight * (1 + 0.5 * (len(phrase) - 1))
            learned = self._learned[tid]
            if learned:
                total = sum(learned.values())
                scores[tid] += W_LEARNED * sum(min(learned[w], 3) for w in bag) / (
                    1 + math.log(1 + total))
        for example, theme_ids in self._examples:
            union = len(example | bag)
            if union and len(example & bag) / union >= NEIGHBOUR_SIMILARITY:
                for rank, tid in enumerate(theme_ids):
                    scores[tid] += 3.0 / (1 + rank)
        return scores

    def tag(self, text: str) -> list[ThemeTag]:
        words = terms(text or "")
        with self._lock:
            scores = self._scores(words)
        ranked = [(tid, s) for tid, s in scores.most_common() if s > 0]
        if not ranked or ranked[0][1] < MIN_SCORE:
            return []
        top = ranked[0][1]
        chosen = [(tid, s) for tid, s in ranked[:MAX_THEMES]
                  if s >= SECONDARY_SHARE * top and s >= MIN_SCORE]
        return [ThemeTag(tid, round(s / (s + 1.5), 3)) for tid, s in chosen]

    def tag_many(self, texts) -> list[list[ThemeTag]]:
        return [self.tag(t) for t in texts]

    def learn(self, text: str, theme_ids: list[str]) -> None:
        known = [t for t in theme_ids if t in self._learned]
        words = terms(text or "")
        with self._lock:
            for tid in known:
                self._learned[tid].update(set(words))
            if known and words:
                self._examples.append((frozenset(words), tuple(known)))
