"""CSV in and out: exports for spreadsheets, imports for answers transcribed from paper."""

from __future__ import annotations

import csv
import io

from workshop.errors import ImportRejected, InvalidInput
from workshop.text import clean_comment, clean_short, csv_safe
from workshop.workshops import Snapshot, Workshops

EXPORT_COLUMNS = ("workshop", "question_id", "question_kind", "role", "table", "kind", "text",
                  "themes", "theme_source", "hidden", "withdrawn", "created_at")
IMPORT_COLUMNS = ("question_id", "text", "role", "table", "kind")


def export_rows(snapshot: Snapshot) -> list[dict]:
    """One row per comment and per poll answer. Hidden and withdrawn comments keep their
    row, flagged, so the counts match the report, but never their words: the author took
    them back, or the facilitator kept them out of the room and the report."""
    tables = {d["id"]: d["table"] for d in snapshot.delegates}
    rows = []
    for c in snapshot.comments:
        withheld = c.get("hidden") or c.get("withdrawn")
        themes = [] if c.get("withdrawn") else c["themes"]
        rows.append({
            "workshop": snapshot.workshop["id"], "question_id": c["question_id"],
            "question_kind": "comment", "role": snapshot.role_of(c["delegate_id"]),
            "table": tables.get(c["delegate_id"], ""), "kind": c["kind"],
            "text": "" if withheld else c["text"],
            "themes": ";".join(t["theme_id"] for t in themes),
            "theme_source": ";".join(dict.fromkeys(t["source"] for t in themes)),
            "hidden": "yes" if c.get("hidden") else "no",
            "withdrawn": "yes" if c.get("withdrawn") else "no", "created_at": c["created_at"]})
    for a in snapshot.answers:
        rows.append({
            "workshop": snapshot.workshop["id"], "question_id": a["question_id"],
            "question_kind": snapshot.pack.question(a["question_id"]).kind,
            "role": snapshot.role_of(a["delegate_id"]),
            "table": tables.get(a["delegate_id"], ""), "kind": "answer",
            "text": ";".join(a["values"]), "themes": "", "theme_source": "", "hidden": "no",
            "withdrawn": "no", "created_at": a["updated_at"]})
    return rows


def export_csv(snapshot: Snapshot) -> str:
    """CSV text; cells that a spreadsheet would run as formulas are made plain text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, EXPORT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in export_rows(snapshot):
        writer.writerow({k: csv_safe(v) for k, v in row.items()})
    return out.getvalue()


def import_csv(workshops: Workshops, workshop_id: str, text: str) -> int:
    """Add comments from CSV (question_id, text, role, table, kind): all rows or none.

    Each row becomes one delegate's comment, as if typed on the day. Returns how many.
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in IMPORT_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ImportRejected(f"The CSV has no column {', '.join(missing)}. It needs the "
                             f"columns: {', '.join(IMPORT_COLUMNS)}.")
    pack = workshops.pack_of(workshop_id)
    comment_ids = [q.id for q in pack.questions if q.kind == "comment"]
    problems, rows = [], []
    for line, row in enumerate(reader, start=2):
        qid, role = (row["question_id"] or "").strip(), (row["role"] or "").strip()
        kind = (row["kind"] or "").strip().lower()
        if qid not in comment_ids:
            problems.append(f"line {line}: unknown question_id {qid!r} (valid: "
                            f"{', '.join(comment_ids)})")
        if role not in pack.role_ids:
            problems.append(f"line {line}: unknown role {role!r} (valid: "
                            f"{', '.join(pack.role_ids)})")
        if kind not in pack.comment_kinds:
            problems.append(f"line {line}: unknown kind {kind!r} (valid: "
                            f"{', '.join(pack.comment_kinds)})")
        try:
            rows.append((qid, clean_comment(row["text"]), role,
                         clean_short(row["table"] or "paper", "table"), kind))
        except InvalidInput as exc:
            problems.append(f"line {line}: {exc}")
    if problems:
        shown = "\n".join(problems[:20])
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise ImportRejected(f"Nothing was imported. Fix these rows and try again:\n{shown}{more}")
    if not rows:
        raise ImportRejected("The CSV has no rows to import.")
    return workshops.add_transcribed(workshop_id, rows)
