"""What the drafted report keeps of what was said, and how often its wording repeats.

Builds every shipped demo (one per scenario pack; the People's Borough demo replays the
East Midlands day) in memory, drafts each report, and prints per demo:

- covered in the body: the share of visible comments whose point the body of the report
  (everything before the appendix) carries: the comment is quoted there, or it makes the
  same point as a comment quoted on the same question (workshop/points.py: the rule the
  report groups near-duplicates by);
- verbatim anywhere: the share of visible comments whose whole text appears in the report;
- repetition: 5-word phrases outside quotations (curly-quoted words with their attribution,
  and blockquotes) and tables used more than 4 times, and the most repeated phrases with
  their counts.

    python bench/report_quality.py [--repo PATH] [--top 5]

--repo drafts the reports with another checkout's code (for example a checkout of an older
version, to compare before and after); the measuring is always this checkout's.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workshop.points import roots, same_point  # noqa: E402

REPEATS_ALLOWED = 4
APPENDIX = "\n## Appendix"

# Run inside the checkout whose reports are measured: builds the demos, prints JSON.
_DRAFT = r"""
import json, sys, tempfile
from pathlib import Path
root = Path(sys.argv[1]).resolve()
sys.path.insert(0, str(root))
from store import MemoryStore
from workshop.demo import build_demo, build_format_demo
from workshop.report import draft_report
from workshop.scenarios import load_packs
from workshop.workshops import Workshops
packs = load_packs(root / "scenarios")
out = []
with tempfile.TemporaryDirectory() as tmp:
    ws = Workshops(MemoryStore(), packs, Path(tmp) / "live")
    for pack_id in sorted(packs):
        w = (build_demo(ws, root / "scenarios") if pack_id == "peoples_borough"
             else build_format_demo(ws, pack_id))
        snap = ws.snapshot(w["id"])
        out.append({"pack": pack_id, "title": w["title"], "report": draft_report(snap),
                    "comments": [{k: c.get(k) for k in ("id", "text", "question_id", "kind",
                                                        "merged_into", "delegate_id")}
                                 for c in snap.visible_comments]})
print(json.dumps(out))
"""

_QUOTED = re.compile(r"\u201c(.+?)\u201d")
# A quotation and the attribution after it (which may itself hold brackets).
_QUOTATION = re.compile(r"\u201c.+?\u201d(?:\s*\((?:[^()\n]|\([^()\n]*\))*\))?")
_WORD = re.compile(r"[\w'\u2019&%-]+")


def _plain(text: str) -> str:
    """Text as typed: markdown escapes removed, spaces collapsed."""
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


def drafts(repo: Path) -> list[dict]:
    done = subprocess.run([sys.executable, "-c", _DRAFT, str(repo)], capture_output=True,
                          text=True, cwd=repo)
    if done.returncode:
        sys.exit(f"Drafting the demos' reports with the code in {repo} failed:\n{done.stderr}")
    return json.loads(done.stdout)


def coverage(report: str, comments: list[dict]) -> tuple[float | None, float | None]:
    """(covered in the body, verbatim anywhere) as percentages; None with no comments."""
    if not comments:
        return None, None
    body = report.split(APPENDIX)[0]
    quoted = {_plain(q) for q in _QUOTED.findall(body)}
    whole = _plain(report)
    by_question: dict[str, list[dict]] = {}
    for c in comments:
        by_question.setdefault(c["question_id"], []).append(c)
    covered = verbatim = 0
    for group in by_question.values():
        root = roots(group)
        in_body = [c for c in group if _plain(c["text"]) in quoted]
        for c in group:
            covered += any(same_point(c, q, root) for q in in_body)
            verbatim += _plain(c["text"]) in whole
    return 100 * covered / len(comments), 100 * verbatim / len(comments)


def phrases(report: str, size: int = 5) -> Counter:
    """Word sequences outside quotations and tables, counted over the whole report."""
    counts: Counter = Counter()
    for line in report.splitlines():
        if line.lstrip().startswith(("|", ">")):
            continue  # tables, and blockquotes (the pack's own words)
        for piece in _QUOTATION.split(line.lstrip("#>-* ")):
            words = [w.lower() for w in _WORD.findall(piece)]
            counts.update(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))
    return counts


def measure(draft: dict, top: int) -> dict:
    covered, verbatim = coverage(draft["report"], draft["comments"])
    counts = phrases(draft["report"])
    return {"demo": draft["pack"], "comments": len(draft["comments"]),
            "covered_in_body_pct": None if covered is None else round(covered, 1),
            "verbatim_anywhere_pct": None if verbatim is None else round(verbatim, 1),
            "phrases_over_limit": sum(1 for n in counts.values() if n > REPEATS_ALLOWED),
            "most_repeated": counts.most_common(top)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", default=str(ROOT),
                        help="the checkout whose code drafts the reports (default: this one)")
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args()
    results = [measure(d, args.top) for d in drafts(Path(args.repo))]
    for r in results:
        kept = (f"covered in the body {r['covered_in_body_pct']}%; verbatim anywhere "
                f"{r['verbatim_anywhere_pct']}%" if r["comments"] else "no comments to cover")
        print(f"{r['demo']}: {r['comments']} comments; {kept}; 5-word phrases used more "
              f"than {REPEATS_ALLOWED} times: {r['phrases_over_limit']}")
        for phrase, n in r["most_repeated"]:
            print(f"    {n:>3}  {phrase}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
