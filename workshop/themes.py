"""Theme tagging: domain lexicon, word embeddings and corrections that teach it.

A comment gets a score for each theme of the workshop's codebook from three kinds of
evidence, added together:

- words: the theme's label, description and keywords, plus a built-in domain lexicon for
  the reference commissioning themes (workshop/lexicon.py); terms shared by many themes
  count for less, and phrases count more than single words;
- meaning: when the optional `wordllama` package is installed, how close the comment's
  embedding is to each theme's label and description, so a theme a facilitator adds with
  only a description still finds its comments;
- a trained model: with embeddings, a ridge classifier over the comment's embedding and
  its words, trained on example comments written for each theme (workshop/theme_examples.py
  for the reference themes, or the codebook's own), on labelled comments that ship with the
  tagger (workshop/theme_comments.csv: more written ones, and past events' comments as
  people themed them) and on comments that fit none; while it speaks, the lexicon and the
  descriptions count for less, and it counts for less as a workshop's own corrections come
  in;
- corrections: the comments a person has themed (or a pack's example comments) vote for
  their themes, the most similar ones most; with embeddings they also pull each theme's
  meaning toward the comments it was given as primary theme;
- the question: when the caller says which question a comment answers, the comments a
  person has themed on that same question lean the others on it toward the themes that
  question draws more than the workshop as a whole (a tie-breaker between themes the
  comment itself points at; never a theme of its own).

The best theme is kept when its score is high enough (otherwise the comment stays
unassigned), with up to two more that score nearly as well. A primary theme that another
theme comes close to is marked unsure: a person should check it first.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from workshop import settings
from workshop.lexicon import DOMAIN_TERMS
from workshop.theme_examples import NONE as NONE_EXAMPLES, THEME_EXAMPLES

# Below this score nothing fits well enough: the comment stays "unassigned". Off-topic
# text scores 0, while a short on-topic comment may carry only one description word (up
# to 0.5): people theme such comments, so a higher bar only loses them (a codebook with
# no built-in lexicon left 14% of the dev comments unassigned at 1.0, none at 0.5).
MIN_SCORE = 0.5
# A second or third theme is kept only if it scores at least this share of the first.
SECONDARY_SHARE = 0.6
# With the trained model (below), whose scores are spread more evenly: cross-validated by
# event on other events' comments, 0.5 finds one of people's themes for 93 % of comments
# instead of 91 % (micro-F1 0.64 either way; East Midlands 0.99 and 0.75 against 0.97 and
# 0.78).
SECONDARY_SHARE_MODEL = 0.5
MAX_THEMES = 3
# Weights of a term by where it came from.
W_DOMAIN, W_KEYWORD, W_LABEL, W_DESCRIPTION = 1.0, 1.0, 0.8, 0.5
# Meaning: at most this many points go to the themes nearest the comment's embedding,
# shared by a softmax with this temperature, and only in full when the nearest theme's
# cosine reaches SEMANTIC_FULL (nothing below SEMANTIC_FLOOR: off-topic text).
W_SEMANTIC, SEMANTIC_TEMPERATURE = 2.0, 0.1
SEMANTIC_FLOOR, SEMANTIC_FULL = 0.15, 0.30
# Corrections: the nearest corrected comments share this many points between their
# themes (a secondary theme's vote counts half); near-copies of one count in full.
W_NEIGHBOURS, NEIGHBOURS = 1.0, 5
# With the written-examples model (below), the nearest corrected comments' votes count
# W_NEIGHBOURS_MODEL: on East Midlands, 30 corrections drawn at random, kappa 0.71 -> 0.76
# (0.25 to 0 all about the same); near-copies count in full all the same.
W_NEIGHBOURS_MODEL = 0.1
NEAR_COPY = 0.5
W_NEAR_COPY = 3.0
# Meaning learned from corrections: a theme's similarity to a comment is the mean of its
# similarity to the theme's description and, weighted by this, to the centroid of the
# comments given that theme as primary. A codebook's few words describe a theme less well
# than the comments people actually filed under it (cross-validated kappa 0.73 -> 0.77).
# A theme's centroid starts from its description's embedding, counted as CENTROID_PRIOR
# comments, so one or two corrected comments do not make the theme's meaning theirs alone
# (East Midlands, 30 corrections drawn at random: kappa 0.752 -> 0.759; 60: 0.761 -> 0.776).
W_CENTROID = 1.0
CENTROID_PRIOR = 3.0
# The question a comment answers: the themes people gave other comments on that question
# (a secondary theme's vote counts half), as shares adding up to W_QUESTION points, scaled
# by n / (n + QUESTION_SHRINK) for n corrected comments on it (one correction: half). Added
# only to themes the comment already scores for, and only if it is on-topic by itself.
# Chosen by cross-validation (5 folds x 12 seeds, dev set): kappa 0.78 -> 0.81 with
# embeddings, 0.73 -> 0.79 without, 0.67 -> 0.69 on an unknown codebook; the weight is a
# broad plateau (0.75-1.5 all help). The question's own text (card title, scenario,
# prompt) scored against the codebook did not help robustly and is not used.
# Only where a question's themes differ from the workshop's: each theme gets its share
# among the question's corrected comments less its share among all corrected comments
# (nothing where that is negative). A workshop's overall mix is no evidence about one
# comment: events whose comments all answer one general question lost kappa as
# corrections came in (0.646 -> 0.604 after 5, 0.595 after 10, scored on the same
# comments), and lose none now; East Midlands, with real questions, keeps the gain.
W_QUESTION, QUESTION_SHRINK = 1.0, 1.0
# Written examples and shipped comments: with embeddings, when every theme of the codebook
# has at least MIN_WRITTEN example comments (built in for the reference themes,
# workshop/theme_examples.py, or the codebook's own), a ridge classifier over the comment's
# embedding and its words (stems and stem pairs seen in at least WRITTEN_MIN_DF training
# comments, weighted by rarity, scaled by WRITTEN_WORDS) is trained on them and on the
# labelled comments that ship in workshop/theme_comments.csv, with one more class for
# comments that fit no theme. A secondary theme's target is WRITTEN_SECONDARY of the
# primary's; WRITTEN_RIDGE is the regularisation. Its positive scores (about 0 to 1) count
# W_WRITTEN points each; a comment it scores highest as off-topic, and whose words name no
# theme, stays unassigned. Then the lexicon counts W_LEXICAL_MODEL of its points and the
# themes' descriptions W_MEANING_COLD of theirs (the model already knows more than either).
W_WRITTEN, MIN_WRITTEN = 4.0, 5
WRITTEN_MIN_DF, WRITTEN_WORDS, WRITTEN_SECONDARY, WRITTEN_RIDGE = 2, 0.7, 0.5, 3.0
W_LEXICAL_MODEL, W_MEANING_COLD = 0.5, 0.0
# Points taken off the model's score for a theme it gives too readily. Money words come up
# in comments whose point is something else (a personal budget is about choice, pay about
# the workforce): cross-validated by event on the other events' comments, the model made
# "cost" the primary theme of 31 comments where people chose it for 19; with 0.5 points
# off, kappa 0.59 -> 0.63 there and unchanged on East Midlands. The same for "process"
# helped neither.
MODEL_PENALTY = {"cost": 0.5}
# A comment's themes are ordered by its own scores only. Ranking them against the rest of
# its workshop (a theme most comments of the event touch taken as the secondary one) did
# not help: where the tool put the wrong one of people's themes first, that theme was the
# more common one in the event for 16 comments and the less common for 14 (East Midlands:
# 7 and 9; by question 4 and 10), and taking off any share of each theme's mean score over
# the event's other comments (or question's) lost kappa on the other events (0.64 -> 0.61
# at half of it) and did not help East Midlands reliably.
# A workshop's own corrections say more than written examples, once there are enough of
# them: after n corrections the model counts WRITTEN_HALF / (WRITTEN_HALF + n - MODEL_FIRST)
# of W_WRITTEN (all of it for the first MODEL_FIRST), and the themes' meaning (descriptions
# and the centroids of corrected comments) rises toward its full weight. A theme's centroid
# from a handful of comments is worse than the model: with the model weakened from the
# first correction, the other events lost kappa 0.011 after 10 corrections (scored on the
# same comments); East Midlands gains from 30 on either way (bench/themes_eval.py).
WRITTEN_HALF, MODEL_FIRST = 20.0, 10
# A primary theme is "sure" when it leads the runner-up by at least this share of its own
# score ((first - second) / first); the rest are marked unsure: a person should check them
# first. Cross-validated by event on other events' comments with no corrections, 0.6 left
# 18 % sure, 3 % of them wrong (0.5: 36 % sure, 14 % wrong); East Midlands 26 % sure, 5 %
# wrong (bench/themes_eval.py --summary prints the figures).
SURE_MARGIN = 0.6

STOPWORDS = frozenset("""a about above after again against all also am an and any are as at
be because been before being below between both but by can could did do does doing down
during each e eg etc few for from further had has have having he her here hers him his how
i if in into is it its itself just may me might more most must my no nor not now of off
on once only or other our ours out over own same she should so some such than that the
their theirs them then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your yours
thing things way ways need needs needed felt feel think thought said say people
participant participants one also e.g. i.e. using used use make made get got
versus vs""".split())

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_SUFFIXES = ("ational", "ations", "ation", "ements", "ement", "ments", "ment", "ities", "ity",
             "ness", "ings", "ing", "ied", "ies", "ed", "es", "ly", "s")


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


# "Lots of", "a lot" are amounts, not procurement lots; "£12" is money, whatever the number.
_QUANTITY = re.compile(r"\b(?:a\s+)?lots?\s+of\b|\ba\s+lot\b")
_MONEY = re.compile(r"£\s*\d")


def terms(text: str) -> list[str]:
    """Stems of the content words of a text, in order."""
    text = _MONEY.sub(" pound ", _QUANTITY.sub(" ", text.lower().replace("’", "'")))
    return [stem(w) for w in _WORD.findall(text) if w not in STOPWORDS and len(w) > 1]


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(terms(text))


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    # Example comments that belong to the theme (a pack's worked examples): they teach the
    # tagger as a person's corrections do.
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class ThemeTag:
    theme_id: str
    confidence: float
    source: str = "auto"
    # On an automatic primary theme: the tagger is unsure (another theme came close).
    unsure: bool = field(default=False, compare=False)


def is_unsure(tags: list[ThemeTag]) -> bool:
    """Whether a person should check these automatic themes first."""
    return bool(tags) and tags[0].unsure


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
        # (`cy`: the theme's Welsh, checked with the pack's other Welsh, scenarios.py)
        unknown = set(item) - {"id", "label", "description", "keywords", "examples", "cy"}
        if unknown:
            raise ValueError(f"theme {theme_id!r} has unknown field {sorted(unknown)[0]!r}")
        keywords = item.get("keywords") or []
        if not isinstance(keywords, list):
            raise ValueError(f"theme {theme_id!r}: keywords must be a list")
        examples = item.get("examples") or []
        if not isinstance(examples, list) or not all(
                isinstance(e, str) and e.strip() for e in examples):
            raise ValueError(f"theme {theme_id!r}: examples must be a list of comment texts")
        seen.add(theme_id)
        themes.append(Theme(theme_id, label, str(item.get("description") or "").strip(),
                            tuple(str(k) for k in keywords),
                            tuple(dict.fromkeys(" ".join(e.split()) for e in examples))))
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


class _Embedder:
    """Static word embeddings whose weights ship inside the optional `wordllama` wheel.

    Loaded from the installed package's own files only: nothing is ever downloaded."""

    WEIGHTS = "weights/l2_supercat_256.safetensors"
    TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"

    def __init__(self):
        import wordllama
        from safetensors import safe_open
        from tokenizers import Tokenizer
        from wordllama.inference import WordLlamaInference

        base = Path(wordllama.__file__).parent
        with safe_open(str(base / self.WEIGHTS), framework="np") as f:
            weights = f.get_tensor("embedding.weight")
        tokenizer = Tokenizer.from_file(str(base / self.TOKENIZER))
        self._model = WordLlamaInference(weights, tokenizer, binary=False)
        self.name = f"wordllama {getattr(wordllama, '__version__', '')} (256 dimensions)".strip()

    def __call__(self, texts: list[str]):
        """Unit-length vectors, one row per text."""
        return self._model.embed(list(texts), norm=True)


_embedder_lock = threading.Lock()
_embedder: dict[str, object] = {}


def embedder() -> _Embedder | None:
    """The shared embedder, loaded on first use; None when wordllama cannot be used."""
    with _embedder_lock:
        if "model" not in _embedder:
            if settings.get("WORKSHOP_EMBEDDINGS").lower() in ("off", "0", "no", "false"):
                _embedder["model"], _embedder["why"] = None, "turned off by WORKSHOP_EMBEDDINGS"
                return None
            try:
                _embedder["model"] = _Embedder()
            except Exception as exc:  # optional: any failure means tagging without meaning
                _embedder["model"], _embedder["why"] = None, f"{type(exc).__name__}: {exc}"
        return _embedder["model"]


def embedding_status() -> str:
    """A line for diagnostics: which embeddings tagging uses, or why none."""
    model = embedder()
    return model.name if model else f"none ({_embedder.get('why', 'not loaded')})"


def _gate(similarity: float) -> float:
    """0 below SEMANTIC_FLOOR, rising to 1 at SEMANTIC_FULL."""
    return min(1.0, max(0.0, (similarity - SEMANTIC_FLOOR) / (SEMANTIC_FULL - SEMANTIC_FLOOR)))


_written_lock = threading.Lock()
_written: dict = {}


COMMENTS_FILE = Path(__file__).with_name("theme_comments.csv")


def labelled_comments() -> list[tuple[str, str, tuple[str, ...]]]:
    """(source, text, theme ids) of the labelled comments that ship with the tagger
    (workshop/theme_comments.csv): comments written for the reference themes, and comments
    of past events as people themed them, primary theme first (no ids: fits no theme). The
    source names where a comment came from, so a measurement can leave an event out."""
    with _written_lock:
        if "comments" not in _written:
            import csv
            with open(COMMENTS_FILE, newline="", encoding="utf-8") as f:
                _written["comments"] = [
                    (r["source"], r["text"],
                     tuple(t.strip() for t in (r["themes"] or "").split(";") if t.strip()))
                    for r in csv.DictReader(f)]
        return _written["comments"]


def _written_examples(themes: list[Theme], held_out=frozenset()) -> list[tuple[str, tuple]]:
    """(text, class indices, primary first) pairs: each theme's written examples, the
    labelled comments that ship with the tagger (but none from a `held_out` source), then
    comments that fit none (an empty tuple); None unless every theme has at least
    MIN_WRITTEN examples. A shipped comment whose themes are all outside the codebook is
    left out (it would wrongly teach "none")."""
    ids = [t.id for t in themes]
    pairs: dict[str, tuple[int, ...]] = {}
    for i, t in enumerate(themes):
        texts = tuple(dict.fromkeys(THEME_EXAMPLES.get(t.id, ()) + t.examples))
        if len(texts) < MIN_WRITTEN:
            return None
        for text in texts:
            pairs[text] = pairs.get(text, ()) + (i,)
    for source, text, theme_ids in labelled_comments():
        if source in held_out or text in pairs:
            continue
        known = tuple(ids.index(t) for t in theme_ids if t in ids)
        if known or not theme_ids:
            pairs[text] = known
    for text in NONE_EXAMPLES:
        pairs.setdefault(text, ())
    return list(pairs.items())


def _grams(words: list[str]) -> set[str]:
    """Stems and pairs of neighbouring stems of a comment."""
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:])}


@dataclass(frozen=True)
class _Model:
    """A ridge classifier from a comment's embedding and its words to the codebook's
    themes plus "none" (the last column)."""
    vocabulary: dict
    idf: object
    weights: object

    def features(self, words: list[str], vector):
        """The comment's row: its embedding, its known words (by rarity, unit length,
        scaled by WRITTEN_WORDS) and a constant."""
        import numpy
        row = numpy.zeros(len(vector) + len(self.vocabulary) + 1)
        row[:len(vector)] = vector
        for g in _grams(words):
            j = self.vocabulary.get(g)
            if j is not None:
                row[len(vector) + j] = self.idf[j]
        norm = numpy.linalg.norm(row[len(vector):-1])
        if norm:
            row[len(vector):-1] *= WRITTEN_WORDS / norm
        row[-1] = 1.0
        return row

    def scores(self, words: list[str], vector):
        """The score of each theme, then of "none" (the same as features() @ weights,
        reading only the rows of the words the comment has)."""
        import numpy
        d = len(vector)
        out = vector @ self.weights[:d] + self.weights[-1]
        known = [self.vocabulary[g] for g in _grams(words) if g in self.vocabulary]
        if known:
            idf = self.idf[known]
            out = out + (WRITTEN_WORDS / numpy.linalg.norm(idf)) * (
                idf @ self.weights[[d + j for j in known]])
        return out


def _target(classes: tuple[int, ...], k: int):
    """A training target: the primary theme counts 1, others WRITTEN_SECONDARY, as shares
    adding up to 1; no theme: "none" (column k)."""
    import numpy
    y = numpy.zeros(k + 1)
    if not classes:
        y[k] = 1.0
    for rank, c in enumerate(classes):
        y[c] += 1.0 if rank == 0 else WRITTEN_SECONDARY
    return y / y.sum()


def written_model(themes: list[Theme], embed, held_out=frozenset()):
    """The ridge classifier (a _Model) trained on the written examples and the shipped
    labelled comments (once per codebook and set of held-out sources), or None."""
    pairs = _written_examples(themes, frozenset(held_out))
    if not pairs or embed is None:
        return None
    key = (tuple(pairs), frozenset(held_out))
    with _written_lock:
        if key not in _written:
            import numpy
            words = [terms(text) for text, _ in pairs]
            df = Counter(g for w in words for g in _grams(w))
            kept = sorted(g for g, c in df.items() if c >= WRITTEN_MIN_DF)
            idf = numpy.array([math.log(len(pairs) / df[g]) + 1 for g in kept])
            model = _Model({g: j for j, g in enumerate(kept)}, idf, None)
            vectors = embed([text for text, _ in pairs])
            x = numpy.vstack([model.features(w, v) for w, v in zip(words, vectors)])
            y = numpy.vstack([_target(classes, len(themes)) for _, classes in pairs])
            # Ridge regression solved in its dual form: as many unknowns as comments.
            a = numpy.linalg.solve(x @ x.T + WRITTEN_RIDGE * numpy.eye(len(pairs)), y)
            _written[key] = _Model(model.vocabulary, idf, x.T @ a)
        return _written[key]


def _theme_text(theme: Theme) -> str:
    return ". ".join(p for p in (theme.label, theme.description, ", ".join(theme.keywords)) if p)


class Tagger:
    """Suggests themes for comments; learns from a person's corrections.

    `use_embeddings=False` tags on words and corrections alone (as when wordllama is not
    installed)."""

    def __init__(self, themes: list[Theme], use_embeddings: bool = True, held_out=()):
        self.themes = list(themes)
        self._lock = threading.Lock()
        self._ids = [t.id for t in self.themes]
        evidence: dict[str, dict[tuple[str, ...], float]] = {t.id: {} for t in self.themes}

        def add(theme_id, text, weight):
            phrase = _phrase(text)
            if phrase:
                evidence[theme_id][phrase] = max(evidence[theme_id].get(phrase, 0.0), weight)

        for t in self.themes:
            for word in terms(t.description):
                add(t.id, word, W_DESCRIPTION)
            for word in terms(t.label):
                add(t.id, word, W_LABEL)
            for k in t.keywords:
                add(t.id, k, W_KEYWORD)
            for k in DOMAIN_TERMS.get(t.id, ()):
                add(t.id, k, W_DOMAIN)
        # Terms that point at many themes say little about any one of them; a phrase
        # says more than a single word.
        spread = Counter(p for ev in evidence.values() for p in ev)
        n = max(len(self.themes), 1)
        self._index: dict[tuple[str, ...], list[tuple[str, float]]] = {}
        for tid, ev in evidence.items():
            for phrase, weight in ev.items():
                weight *= (1 + math.log(n / spread[phrase])) / (1 + math.log(n))
                self._index.setdefault(phrase, []).append(
                    (tid, weight * (1 + 0.5 * (len(phrase) - 1))))
        self._longest = max((len(p) for p in self._index), default=1)

        self._embed = embedder() if use_embeddings and self.themes else None
        self._prototypes = (self._embed([_theme_text(t) for t in self.themes])
                            if self._embed else None)
        # `held_out`: sources of shipped labelled comments the model must not learn (a
        # measurement that scores those comments leaves them out).
        self._written = written_model(self.themes, self._embed, frozenset(held_out))
        self._corrections = 0
        self._examples: list[tuple[frozenset[str], tuple[str, ...]]] = []
        self._example_vectors: list = []
        self._example_words: list[list[str]] = []
        self._stacked = None
        # Per theme: the sum of the unit vectors of comments corrected to it as primary, and
        # (built when needed) the themes' centroids.
        self._sums: dict[int, object] = {}
        self._centroids = None
        # Per question id: each corrected comment's themes (keyed by its text, so correcting
        # a comment again replaces its vote), and (built when needed) the question's prior.
        self._question_votes: dict[str, dict[str, tuple[str, ...]]] = {}
        self._question_priors: dict[str, dict[str, float]] = {}
        # An example listed under several themes teaches all of them, in codebook order.
        seeded: dict[str, list[str]] = {}
        for t in self.themes:
            for text in t.examples:
                seeded.setdefault(text, []).append(t.id)
        self._remember([(text, tuple(ids)) for text, ids in seeded.items()])

    # -- scoring ---------------------------------------------------------------------
    def _vectors(self, texts: list[str]) -> list:
        return list(self._embed(texts)) if self._embed else [None] * len(texts)

    def _words(self, words: list[str], scores: Counter) -> None:
        for n in range(1, min(self._longest, len(words)) + 1):
            for gram in dict.fromkeys(tuple(words[i:i + n]) for i in range(len(words) - n + 1)):
                for tid, weight in self._index.get(gram, ()):
                    scores[tid] += weight

    def _centroid_sims(self, vector):
        """Similarity to each theme's corrected comments; the description's where none."""
        centroids = self._centroids  # one read: another thread may learn meanwhile
        if centroids is None:
            import numpy
            rows = [self._sums[i] + CENTROID_PRIOR * self._prototypes[i]
                    if i in self._sums else self._prototypes[i] for i in range(len(self._ids))]
            rows = [r / (numpy.linalg.norm(r) or 1.0) for r in rows]
            centroids = self._centroids = numpy.vstack(rows)
        return centroids @ vector

    def _meaning(self, vector, scores: Counter, weight: float = 1.0) -> None:
        sims = self._prototypes @ vector
        if self._sums:
            sims = (sims + W_CENTROID * self._centroid_sims(vector)) / (1 + W_CENTROID)
        top = float(sims.max())
        gate = _gate(top)
        if gate:
            shares = [math.exp((float(s) - top) / SEMANTIC_TEMPERATURE) for s in sims]
            total = sum(shares)
            for tid, share in zip(self._ids, shares):
                scores[tid] += weight * W_SEMANTIC * gate * share / total

    def _neighbours(self, bag: frozenset[str], vector, scores: Counter) -> None:
        """Votes of the nearest corrected comments."""
        if not self._examples:
            return
        if vector is not None:
            if self._stacked is None:
                import numpy
                self._stacked = numpy.vstack(self._example_vectors)
            sims = [float(s) for s in self._stacked @ vector]
        else:
            sims = [len(bag & ex) / math.sqrt(len(bag) * len(ex)) if bag else 0.0
                    for ex, _ in self._examples]
        nearest = sorted(range(len(sims)), key=sims.__getitem__, reverse=True)[:NEIGHBOURS]
        weights = [max(sims[j], 0.0) ** 2 for j in nearest]
        total = sum(weights)
        if total:
            # With the model, the corrections' meaning (themes' centroids) and the model
            # carry most of what the nearest comments would say.
            weight = W_NEIGHBOURS if self._written is None else W_NEIGHBOURS_MODEL
            gate = _gate(sims[nearest[0]])
            for j, w in zip(nearest, weights):
                for rank, tid in enumerate(self._examples[j][1]):
                    scores[tid] += weight * gate * w / total * (1.0 if rank == 0 else 0.5)
        for example, theme_ids in self._examples:
            union = len(example | bag)
            if union and len(example & bag) / union >= NEAR_COPY:
                for rank, tid in enumerate(theme_ids):
                    scores[tid] += W_NEAR_COPY / (1 + rank)

    def _parts(self, words: list[str], vector):
        """The kinds of evidence, each a Counter of theme scores (meaning includes the
        written examples' model), and whether that model finds the comment off-topic."""
        lexical, meaning, neighbours = Counter(), Counter(), Counter()
        self._words(words, lexical)
        off_topic = False
        if vector is not None:
            if self._written is None:
                self._meaning(vector, meaning)
            else:
                # The model speaks for the written and shipped comments; the themes'
                # meaning (description and corrected comments) takes over as a workshop's
                # own corrections come in, and the model counts for less.
                earned = max(0, self._corrections - MODEL_FIRST)
                share = WRITTEN_HALF / (WRITTEN_HALF + earned)
                self._meaning(vector, meaning, 1.0 - share * (1.0 - W_MEANING_COLD))
                scores = self._written.scores(words, vector)
                for tid, s in zip(self._ids, scores):
                    points = W_WRITTEN * float(s) - MODEL_PENALTY.get(tid, 0.0)
                    if points > 0:
                        meaning[tid] += share * points
                off_topic = int(scores.argmax()) == len(self._ids)
                for tid in lexical:
                    lexical[tid] *= W_LEXICAL_MODEL
        self._neighbours(frozenset(words), vector, neighbours)
        return lexical, meaning, neighbours, off_topic

    def _question_prior(self, question: str | None) -> dict[str, float]:
        """Points per theme from the corrected comments on this question (under the lock)."""
        if question is None or question not in self._question_votes:
            return {}
        prior = self._question_priors.get(question)
        if prior is None:
            def shares(votes) -> dict[str, float]:
                counts: Counter = Counter()
                for theme_ids in votes:
                    for rank, tid in enumerate(theme_ids):
                        counts[tid] += 1.0 if rank == 0 else 0.5
                total = sum(counts.values())
                return {t: c / total for t, c in counts.items()} if total else {}

            votes = self._question_votes[question]
            own, n = shares(votes.values()), len(votes)
            every = shares([v for q in self._question_votes.values() for v in q.values()])
            own = {t: s - every.get(t, 0.0) for t, s in own.items() if s > every.get(t, 0.0)}
            scale = W_QUESTION * n / (n + QUESTION_SHRINK)
            prior = self._question_priors[question] = {t: s * scale for t, s in own.items()}
        return prior

    def _tags(self, words: list[str], vector, question: str | None = None) -> list[ThemeTag]:
        if not words:
            return []
        with self._lock:
            lexical, meaning, neighbours, off_topic = self._parts(words, vector)
            prior = self._question_prior(question)
        if off_topic and sum(lexical.values()) + sum(neighbours.values()) < MIN_SCORE:
            return []
        scores = lexical + meaning + neighbours
        # The question breaks ties between themes the comment itself points at; it never
        # brings in a theme of its own or themes an off-topic comment.
        if prior and max(scores.values(), default=0.0) >= MIN_SCORE:
            for tid, points in prior.items():
                if scores.get(tid, 0.0) > 0:
                    scores[tid] += points
        # Ties go to the theme listed first in the codebook, so runs repeat exactly.
        ranked = sorted(((tid, s) for tid, s in scores.items() if s >= MIN_SCORE),
                        key=lambda item: (-round(item[1], 9), self._ids.index(item[0])))
        ranked = ranked[:MAX_THEMES]
        if not ranked:
            return []
        top = ranked[0][1]
        runner_up = max((s for tid, s in scores.items() if tid != ranked[0][0]), default=0.0)
        unsure = (top - runner_up) / top < SURE_MARGIN
        second = SECONDARY_SHARE if self._written is None else SECONDARY_SHARE_MODEL
        return [ThemeTag(tid, round(s / (s + 1.5), 3), unsure=unsure and i == 0)
                for i, (tid, s) in enumerate(ranked) if s >= second * top]

    def tag(self, text: str, question: str | None = None) -> list[ThemeTag]:
        """Themes for a comment; `question`: the id of the question it answers, if known."""
        return self.tag_many([text], None if question is None else [question])[0]

    def tag_many(self, texts, questions=None) -> list[list[ThemeTag]]:
        """Themes for each comment; `questions`, if given, has one question id (or None)
        per comment."""
        texts = [t or "" for t in texts]
        qids = ([q or None for q in questions] if questions is not None
                else [None] * len(texts))
        if len(qids) != len(texts):
            raise ValueError("tag_many needs one question per text")
        words = [terms(t) for t in texts]
        wordy = [t for t, w in zip(texts, words) if w]
        vectors = iter(self._vectors(wordy))
        return [self._tags(w, next(vectors) if w else None, q) for w, q in zip(words, qids)]

    def learn(self, text: str, theme_ids: list[str], question: str | None = None) -> None:
        """A person's themes for a comment: later comments like it lean the same way, and
        so (more) do later comments on the same question."""
        known = tuple(dict.fromkeys(t for t in theme_ids if t in self._ids))
        words = frozenset(terms(text or ""))
        if not known or not words:
            return
        self._remember([(text, known)])
        with self._lock:
            self._corrections += 1
        qid = question or None
        if qid is not None:
            with self._lock:
                self._question_votes.setdefault(qid, {})[" ".join(text.lower().split())] = known
                self._question_priors.clear()

    def _remember(self, items: list[tuple[str, tuple[str, ...]]]) -> None:
        items = [(text, ids) for text, ids in items if terms(text)]
        vectors = self._vectors([text for text, _ in items])
        with self._lock:
            for (text, theme_ids), vector in zip(items, vectors):
                words = terms(text)
                self._examples.append((frozenset(words), theme_ids))
                self._example_words.append(words)
                self._example_vectors.append(vector)
                if vector is not None:
                    i = self._ids.index(theme_ids[0])
                    self._sums[i] = vector + self._sums[i] if i in self._sums else vector
            self._stacked = None
            self._centroids = None
