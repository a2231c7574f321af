"""`python -m workshop …`: a thin command line over the core, for admins and scripts."""

from __future__ import annotations

import argparse
import csv
import sys

from store import configured_store
from workshop import access, i18n, links, outputs, settings
from workshop.claims import check_report
from workshop.demo import DEMO_TITLE, build_demo, build_format_demo, format_demo_title
from workshop.errors import InvalidInput, WorkshopError
from workshop.exchange import export_csv, import_csv
from workshop.national_check import check_national_report
from workshop.national_report import draft_national_report
from workshop.programme_demo import PROGRAMME_TITLE, build_programme_demo
from workshop.programmes import Programmes
from workshop.programmes import export_csv as programme_csv
from workshop.report import draft_report
from workshop.scenarios import QUESTION_KINDS, load_packs
from workshop.themes import Tagger, is_unsure, load_codebook
from workshop.wording import counted
from workshop.workshops import Workshops, report_edit_field


def open_workshops() -> Workshops:
    """The workshops of this installation, as the app sees them."""
    return Workshops(configured_store(), readable_packs(), settings.live_dir())


def readable_packs() -> dict:
    """Every pack that can be read; each one left out is named on standard error."""
    skipped: list = []
    packs = load_packs(*settings.pack_dirs(), skipped=skipped)
    for problem in skipped:
        print(f"warning: a pack was left out: {problem}", file=sys.stderr)
    return packs


def cmd_create(args) -> None:
    if args.programme:
        programmes = Programmes(open_workshops())
        shared = programmes.get(args.programme)["pack_id"]
        if args.scenario and args.scenario != shared:
            raise WorkshopError(f"The programme {args.programme} shares the pack {shared!r}; "
                                f"leave out --scenario or give {shared}.")
        w = programmes.create_workshop(args.programme, args.title, args.region,
                                       date=args.date or "", venue=args.venue or "",
                                       background=args.background or "")
    elif not args.scenario:
        raise WorkshopError("Say which scenario pack to use with --scenario (see "
                            "`python -m workshop packs`), or join a programme with "
                            "--programme.")
    else:
        w = open_workshops().create(args.title, args.region, args.scenario,
                                    date=args.date or "", venue=args.venue or "",
                                    background=args.background or "")
    print(f"workshop: {w['id']}")
    print(f"join code: {w['join_code']}")
    print(f"join url: {links.join_url(w['join_code'])}")
    print(f"projector url: {links.projector_url(w['join_code'])}")
    print(f"facilitator url: {links.facilitator_url(access.facilitator_secret(), w['id'])}")


def cmd_import(args) -> None:
    with open(args.csv, newline="", encoding="utf-8-sig") as fh:
        done = import_csv(open_workshops(), args.workshop, fh.read())
    print(f"imported {done.describe()} into {args.workshop}")


def _one_of(args) -> None:
    """A workshop or a programme, not both and not neither."""
    if bool(args.workshop) == bool(args.programme):
        raise WorkshopError("Give a workshop id, or --programme with a programme id "
                            "(not both).")


def cmd_export(args) -> None:
    _one_of(args)
    if args.programme:
        programmes = Programmes(open_workshops())
        sys.stdout.write(programme_csv(programmes.regions(args.programme)))
        return
    sys.stdout.write(export_csv(open_workshops().snapshot(args.workshop)))


def cmd_programme(args) -> None:
    programmes = Programmes(open_workshops())
    if args.action == "create":
        p = programmes.create(args.title, args.scenario, args.description or "")
        print(f"programme: {p['id']}")
    elif args.action == "add":
        m = programmes.add(args.programme, args.workshop, args.region)
        print(f"added {args.workshop} to {args.programme} for {m.region}")
    elif args.action == "remove":
        programmes.remove(args.programme, args.workshop)
        print(f"removed {args.workshop} from {args.programme}; the workshop and its "
              "answers are kept")
    else:
        for p in programmes.all():
            members = programmes.members(p["id"])
            print(f"{p['id']}\t{p['pack_id']}\t{counted(len(members), 'workshop')}\t"
                  f"{p['title']}")
            for m in members:
                where = f"{m.date}\t{m.venue}" if m.workshop else "no longer there"
                print(f"  {m.region}\t{m.workshop_id}\t{where}")


def cmd_report(args) -> int:
    _one_of(args)
    ws = open_workshops()
    if args.programme:
        if _report_language(args) != "en":
            raise InvalidInput("The national report is drafted in English only so far. "
                               "Leave out --lang, or give a workshop id for its report in "
                               "Welsh.")
        programmes = Programmes(ws)
        programme = programmes.get(args.programme)
        regions = programmes.regions(args.programme)
        edited = programme.get("report_edit")

        def draft() -> str:
            return draft_national_report(programme, regions)

        def check(text: str):
            return check_national_report(programme, regions, text)

        def render(text: str, fmt: str) -> bytes:
            if fmt.startswith("easyread"):
                raise InvalidInput("An Easy Read summary is made for one workshop: give a "
                                   "workshop id instead of --programme.")
            return outputs.render_markdown(text, fmt, f"National report: {programme['title']}")
    else:
        lang = _report_language(args)
        edited = ws.get(args.workshop).get(report_edit_field(lang))
        snapshot = ws.snapshot(args.workshop)

        def draft() -> str:
            return draft_report(snapshot, lang)

        def check(text: str):
            return check_report(snapshot, text, lang)

        def render(text: str, fmt: str) -> bytes:
            return outputs.render_report(snapshot, text, fmt, lang)
    if not args.check:
        lang = _report_language(args)
        if args.format.startswith("easyread") and not outputs.EASY_READ_LANGUAGES.get(lang):
            print("The Easy Read summary is in English only so far; this is the English "
                  "one.", file=sys.stderr)
        text = edited if edited and not args.fresh else draft()
        data = text.encode("utf-8") if args.format == "md" else render(text, args.format)
        _write_report(data, args.format, args.out,
                      outputs.file_name(args.programme or args.workshop, args.format, lang))
        return 0
    if args.file:
        with open(args.file, encoding="utf-8") as fh:
            texts = [(args.file, fh.read())]
    else:
        texts = [("fresh draft", draft())]
        if edited and not args.fresh:
            texts.append(("edited version", edited))
    failed = False
    for name, text in texts:
        result = check(text)
        print(f"{name}: {result.summary()}")
        for problem in result.problems:
            print(f"  {problem}")
        failed = failed or not result.ok
    return 1 if failed else 0


def _report_language(args) -> str:
    """The language asked for with --lang ("cy" or "Cymraeg" for Welsh), refused with the
    choices when the app has no report wording in it."""
    try:
        return i18n.language(args.lang)
    except i18n.LanguageError as exc:
        raise InvalidInput(str(exc)) from exc


def _write_report(data: bytes, fmt: str, out: str | None, default: str) -> None:
    """Text formats go to standard output unless --out names a file; Word and PDF go to
    --out, or to a file named after the workshop in this folder."""
    if out is None and fmt in FORMATS_ON_SCREEN:
        sys.stdout.write(data.decode("utf-8"))
        return
    path = out or default
    try:
        with open(path, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise InvalidInput(f"Could not write {path}: {exc.strerror}. Please choose a "
                           "folder that exists and that you can write to.") from exc
    print(f"Wrote {path} ({outputs.FORMATS[fmt][0]}, {len(data):,} bytes).", file=sys.stderr)


FORMATS_ON_SCREEN = ("md", "html", "easyread")
TAG_COLUMNS = ("themes", "confidence", "check")


def _learn_corrections(tagger: Tagger, path: str) -> int:
    """Teach the tagger a facilitator's corrections: rows of question_id,text,themes."""
    known = {t.id for t in tagger.themes}
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = {"text", "themes"} - set(reader.fieldnames or [])
        if missing:
            raise WorkshopError(f"{path} needs the columns text and themes (question_id is "
                                f"optional). Missing: {', '.join(sorted(missing))}.")
        rows = list(reader)
    for line, row in enumerate(rows, start=2):
        ids = [t.strip() for t in (row["themes"] or "").split(";") if t.strip()]
        unknown = [t for t in ids if t not in known and t != "none"]
        if unknown:
            raise WorkshopError(f"{path}, line {line}: {unknown[0]!r} is not a theme of the "
                                f"codebook. Themes: {', '.join(sorted(known))}.")
    for row in rows:
        ids = [t.strip() for t in (row["themes"] or "").split(";") if t.strip()]
        tagger.learn(row["text"] or "", ids, question=(row.get("question_id") or None))
    return len(rows)


def cmd_tag(args) -> None:
    tagger = Tagger(load_codebook(args.codebook))
    reader = csv.DictReader(sys.stdin)
    if "text" not in (reader.fieldnames or []):
        raise WorkshopError("The CSV on standard input needs a 'text' column.")
    rows = list(reader)
    if args.learn:
        _learn_corrections(tagger, args.learn)
    fields = [f for f in reader.fieldnames if f not in TAG_COLUMNS] + list(TAG_COLUMNS)
    writer = csv.DictWriter(sys.stdout, fields, lineterminator="\n")
    writer.writeheader()
    questions = [r.get("question_id") or None for r in rows]
    for row, tags in zip(rows, tagger.tag_many([r["text"] or "" for r in rows], questions)):
        for column in TAG_COLUMNS:
            row.pop(column, None)
        writer.writerow({**row, "themes": ";".join(t.theme_id for t in tags),
                         "confidence": ";".join(f"{t.confidence:.2f}" for t in tags),
                         "check": "unsure" if is_unsure(tags) else ""})


def cmd_demo(args) -> None:
    ws = open_workshops()
    pack_ids = list(ws.packs) if args.all else [args.pack]
    for pack_id in pack_ids:
        if pack_id not in ws.packs:
            raise WorkshopError(f"There is no scenario pack {pack_id!r}. Packs: "
                                f"{', '.join(ws.packs)}.")
        title = (DEMO_TITLE if pack_id == "peoples_borough"
                 else format_demo_title(ws.packs[pack_id]))
        if args.if_missing and any(w["title"] == title for w in ws.all()):
            print(f"demo workshop already there: {title}")
            continue
        w = (build_demo(ws, settings.scenarios_dir()) if pack_id == "peoples_borough"
             else build_format_demo(ws, pack_id))
        print(f"workshop: {w['id']}")
        print(f"join code: {w['join_code']}")
    if args.all or args.programme:
        programmes = Programmes(ws)
        if args.if_missing and any(p["title"] == PROGRAMME_TITLE for p in programmes.all()):
            print(f"demo programme already there: {PROGRAMME_TITLE}")
            return
        p = build_programme_demo(ws, settings.scenarios_dir())
        print(f"programme: {p['id']}")


def cmd_links(args) -> None:
    ws = open_workshops()
    print(f"Facilitator (keep private): {links.facilitator_url(access.facilitator_secret())}")
    for w in ws.all():
        print(f"- {w['title']} ({w['id']}, {w['status']}): join {links.join_url(w['join_code'])}"
              f"  projector {links.projector_url(w['join_code'])}")


def cmd_packs(args) -> None:
    for pack in readable_packs().values():
        kinds = [k for k in QUESTION_KINDS if any(q.kind == k for q in pack.questions)]
        print(f"{pack.id}\t{pack.title}\t{counted(len(pack.questions), 'question')}\t"
              f"kinds: {', '.join(kinds)}")


def cmd_translations(args) -> int:
    """Extract the marked messages again and bring each catalogue up to date; with
    --check, change nothing and list what is not translated (status 1 if anything)."""
    from workshop import translations
    chosen = [args.domain] if args.domain else translations.domains()
    left = 0
    for domain in chosen:
        if args.check:
            for lang in i18n.LANGUAGES:
                if lang == i18n.DEFAULT_LANGUAGE:
                    continue
                for m in translations.missing(domain, lang):
                    print(f"{domain} {lang}: {'fuzzy' if m.fuzzy else 'not translated'}: "
                          f"{m.msgid!r} ({m.where})")
                    left += 1
            continue
        for lang, n in translations.update(domain).items():
            print(f"{i18n.catalogue_path(lang, domain).relative_to(translations.ROOT)}: "
                  + (f"{n} message{'s' * (n != 1)} to translate" if n else "all translated"))
        print(f"{translations.template_path(domain).relative_to(translations.ROOT)}: "
              "template written")
    return 1 if left else 0


def cmd_list(args) -> None:
    ws = open_workshops()
    for w in ws.all():
        print(f"{w['id']}\t{w['join_code']}\t{w['status']}\t{w['title']}")
    for d in ws.damaged():
        print(f"{d.id}\t-\tdamaged\t{d.message}")


def cmd_delete(args) -> None:
    name = open_workshops().delete(args.workshop, args.confirm)
    print(f"deleted {name}: its answers, report edits, kept copies and status file")


def cmd_migrate(args) -> int:
    from workshop.migrate import copy_store, open_location
    from store.postgres import safe_url
    if not (args.source or args.target):
        raise WorkshopError("Say where to copy to (--to postgresql://… or a folder) or "
                            "where to copy from (--from postgresql://… or a folder).")
    here = settings.get("WORKSHOP_STORE").strip() or str(settings.data_dir())
    source_at, target_at = args.source or here, args.target or here
    if source_at.strip().rstrip("/") == target_at.strip().rstrip("/"):
        raise WorkshopError(f"Copying from and to the same place ({safe_url(source_at)}) "
                            "would do nothing: give another --from or --to.")
    opened = []
    try:
        source = open_location(source_at, must_exist=True)
        opened.append(source)
        target = open_location(target_at)
        opened.append(target)
        print(f"copying from {safe_url(source_at)} to {safe_url(target_at)}")
        done = copy_store(source, target)
    finally:
        for store in opened:
            close = getattr(store, "close", None)
            if close is not None:
                close()
    print(f"copied {done.describe()}")
    if done.left_out:
        print(f"{len(done.left_out)} could not be read and were left out (named above); "
              "the others were copied.", file=sys.stderr)
        return 1
    return 0


def cmd_serve(args) -> None:
    from pathlib import Path

    from workshop.serve import default_processes, serve
    serve(args.port or int(settings.get("WORKSHOP_PORT")), args.address,
          args.processes or default_processes(), args.streamlit_arg,
          Path(args.log_dir) if args.log_dir else None)


def cmd_hosted(args) -> None:
    from pathlib import Path

    from workshop.hosting import run
    run(args.servers, args.port, args.address, Path(args.log_dir) if args.log_dir else None)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m workshop", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("create", help="create a workshop and print its links")
    c.add_argument("--title", required=True)
    c.add_argument("--region", required=True)
    c.add_argument("--scenario", help="scenario pack id, e.g. peoples_borough (with "
                                      "--programme: the programme's pack)")
    c.add_argument("--date", help="YYYY-MM-DD (default today)")
    c.add_argument("--venue")
    c.add_argument("--background")
    c.add_argument("--programme", help="add the new workshop to this programme")
    c.set_defaults(func=cmd_create)
    c = sub.add_parser("programme", help="programmes of regional workshops on one pack")
    steps = c.add_subparsers(dest="action", required=True)
    s = steps.add_parser("create", help="create a programme and print its id")
    s.add_argument("--title", required=True)
    s.add_argument("--scenario", required=True, help="the pack every workshop shares")
    s.add_argument("--description", help="a sentence or two for the national report")
    s = steps.add_parser("add", help="add an existing workshop (on the same pack)")
    s.add_argument("programme")
    s.add_argument("workshop")
    s.add_argument("--region", help="its region in the programme (default: the workshop's)")
    s = steps.add_parser("remove", help="take a workshop out (its data is kept)")
    s.add_argument("programme")
    s.add_argument("workshop")
    steps.add_parser("list", help="every programme and its workshops by region")
    c.set_defaults(func=cmd_programme)
    c = sub.add_parser("import", help="add what was written on paper from a CSV (any kind of question; see README)")
    c.add_argument("workshop")
    c.add_argument("csv")
    c.set_defaults(func=cmd_import)
    c = sub.add_parser("export", help="all input as CSV on standard output")
    c.add_argument("workshop", nargs="?")
    c.add_argument("--programme", help="every workshop of a programme, with a region column")
    c.add_argument("--format", choices=["csv"], default="csv")
    c.set_defaults(func=cmd_export)
    c = sub.add_parser("report", help="the report (the edited one if saved) as markdown, "
                                      "Word, a web page or PDF; or its Easy Read summary")
    c.add_argument("workshop", nargs="?")
    c.add_argument("--programme", help="the national report of a programme instead")
    c.add_argument("--fresh", action="store_true", help="a fresh draft, ignoring edits")
    c.add_argument("--check", action="store_true",
                   help="re-derive every figure and quotation from the data and list any that "
                        "do not match (the fresh draft and any edited version); exit 1 if any")
    c.add_argument("--file", help="with --check: check this markdown file instead")
    c.add_argument("--format", choices=list(outputs.FORMATS), default="md",
                   help="md (default), docx (Word), html (one web page), pdf (tagged PDF); "
                        "easyread, easyread-docx or easyread-pdf: the Easy Read summary. "
                        "Every format carries the markdown's words; all but md add the charts")
    c.add_argument("--out", metavar="FILE",
                   help="write to this file (docx and pdf are written to "
                        "WORKSHOP-report.docx or .pdf in this folder when not given)")
    c.add_argument("--lang", default="en",
                   help="the language of the report's own wording: en (English, the "
                        "default) or cy (Cymraeg, Welsh); the edited version in that "
                        "language is used when there is one")
    c.set_defaults(func=cmd_report)
    c = sub.add_parser("tag", help="theme a CSV with a 'text' column (and optionally "
                                   "'question_id') from standard input; adds the columns "
                                   "themes, confidence and check ('unsure': check it first)")
    c.add_argument("--codebook", required=True)
    c.add_argument("--learn", metavar="LABELLED.csv",
                   help="a facilitator's corrections to learn first: columns question_id "
                        "(optional), text, themes (theme ids separated by ';', primary "
                        "first; 'none' or empty for a comment that fits no theme, which "
                        "teaches nothing)")
    c.set_defaults(func=cmd_tag)
    c = sub.add_parser("demo", help="build a demo workshop (by default the East Midlands day)")
    c.add_argument("--if-missing", action="store_true")
    c.add_argument("--pack", default="peoples_borough",
                   help="the pack to demonstrate (People's Borough replays the East Midlands "
                        "day; other packs get simulated answers)")
    c.add_argument("--all", action="store_true", help="a demo workshop for every pack, and "
                                                      "the demo programme")
    c.add_argument("--programme", action="store_true",
                   help="the demo programme: the East Midlands day and simulated regions")
    c.set_defaults(func=cmd_demo)
    c = sub.add_parser("links", help="print the facilitator link and each workshop's links")
    c.set_defaults(func=cmd_links)
    c = sub.add_parser("packs", help="list scenario packs: id, title, questions, kinds used")
    c.set_defaults(func=cmd_packs)
    c = sub.add_parser("list", help="list workshops: id, join code, status, title (damaged "
                                    "ones last, with what to do)")
    c.set_defaults(func=cmd_list)
    c = sub.add_parser("delete", help="delete a workshop and everything kept about it, for good")
    c.add_argument("workshop")
    c.add_argument("--confirm", required=True, metavar="CODE",
                   help="the workshop's join code or title (a damaged workshop: its id)")
    c.set_defaults(func=cmd_delete)
    c = sub.add_parser("migrate", help="copy every workshop and programme between the files "
                                       "and a PostgreSQL database (safe to run again)")
    c.add_argument("--to", dest="target", metavar="WHERE",
                   help="postgresql://user:password@host:5432/dbname or a folder "
                        "(default: where WORKSHOP_STORE keeps workshops now)")
    c.add_argument("--from", dest="source", metavar="WHERE",
                   help="postgresql://… or a folder (default: where WORKSHOP_STORE keeps "
                        "workshops now)")
    c.set_defaults(func=cmd_migrate)
    c = sub.add_parser("translations", help="extract the words phones and the projector say "
                                            "and update the Welsh catalogue (a .po file)")
    c.add_argument("--domain", choices=[d for d in i18n.DOMAINS
                                        if (i18n.LOCALE_DIR / f"{d}.cfg").exists()],
                   help="one catalogue (default: every one with a map in workshop/locale/; "
                        "the report's is updated with `make report-pot`)")
    c.add_argument("--check", action="store_true",
                   help="change nothing; list messages not yet translated")
    c.set_defaults(func=cmd_translations)
    c = sub.add_parser("serve", help="run the app for the room: several app processes "
                                     "behind one port (WORKSHOP_PORT)")
    c.add_argument("--port", type=int, help="default: WORKSHOP_PORT")
    c.add_argument("--address", default="0.0.0.0",
                   help="where phones reach it (default: every network interface)")
    c.add_argument("--processes", type=int,
                   help="app processes (default: WORKSHOP_PROCESSES, else one per core, "
                        "at most 4)")
    c.add_argument("--streamlit-arg", action="append", default=[],
                   help="an extra `streamlit run` option for every app process")
    c.add_argument("--log-dir", help="keep each app process's output in this folder")
    c.set_defaults(func=cmd_serve)
    c = sub.add_parser("hosted", help="several app servers behind HAProxy on this machine, "
                                      "sharing the PostgreSQL database in WORKSHOP_STORE "
                                      "(docs/hosting.md)")
    c.add_argument("--servers", type=int, default=2, help="app servers (default 2)")
    c.add_argument("--port", type=int, default=8080, help="HAProxy's port (default 8080)")
    c.add_argument("--address", default="0.0.0.0",
                   help="where browsers reach HAProxy (default: every network interface)")
    c.add_argument("--log-dir", help="keep the servers' logs and haproxy.cfg here")
    c.set_defaults(func=cmd_hosted)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        status = args.func(args)
    except (WorkshopError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2
    return status or 0
