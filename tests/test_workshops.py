import pytest

from workshop import follow
from workshop.errors import InvalidInput, NotAccepting, NotFound
from workshop.text import MAX_COMMENT_CHARS


@pytest.fixture
def store(every_store):
    """The workshop rules run on the memory, file and PostgreSQL stores."""
    return every_store


def test_create_gives_readable_join_code_and_keeps_the_pack(workshops, open_workshop):
    code = open_workshop["join_code"]
    assert len(code) == 6 and not set(code) & set("01OIL")
    assert open_workshop["pack"]["id"] == "peoples_borough"
    assert workshops.by_join_code(code.lower())["id"] == open_workshop["id"]


def test_unknown_pack_lists_the_packs(workshops):
    with pytest.raises(InvalidInput, match="peoples_borough"):
        workshops.create("T", "R", "no_such_pack")


def test_unknown_join_code_says_check_the_screen(workshops, open_workshop):
    with pytest.raises(NotFound, match="Check the code"):
        workshops.by_join_code("ZZZZZZ")


def test_delegate_comment_is_saved_themed_and_editable(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "3")["id"]
    c = workshops.submit_comment(wid, me, "services",
                                 "Specify outcomes, not times and tasks, in the contract",
                                 "idea", "tap-1")
    assert c["themes"], "an obviously on-topic comment gets a theme"
    workshops.edit_comment(wid, me, c["id"], "Specify outcomes in the tender", "idea")
    assert workshops.own_comments(wid, me)[0]["text"] == "Specify outcomes in the tender"
    workshops.withdraw_comment(wid, me, c["id"])
    assert workshops.own_comments(wid, me) == []
    assert workshops.snapshot(wid).comments[0]["withdrawn"] is True  # kept, not deleted


def test_double_tap_on_send_saves_once(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "3")["id"]
    for _ in range(3):
        workshops.submit_comment(wid, me, "services", "Same point", "issue", "tap-7")
    assert len(workshops.own_comments(wid, me)) == 1


@pytest.mark.parametrize("text, message", [
    ("", "type your comment"),
    ("   ", "type your comment"),
    ("x" * (MAX_COMMENT_CHARS + 1), f"limit is {MAX_COMMENT_CHARS:,}"),
    ("<script>alert(1)</script>", "angle brackets"),
])
def test_bad_comments_are_refused_and_nothing_is_lost(workshops, open_workshop, text, message):
    wid = open_workshop["id"]
    me = workshops.join(wid, "user", "1")["id"]
    kept = workshops.submit_comment(wid, me, "services", "An earlier point", "issue")
    with pytest.raises(InvalidInput, match=message):
        workshops.submit_comment(wid, me, "services", text, "issue")
    assert [c["id"] for c in workshops.own_comments(wid, me)] == [kept["id"]]


def test_answers_to_a_closed_question_are_refused(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "commissioner", "2")["id"]
    workshops.move(wid, 1)
    with pytest.raises(NotAccepting, match="moved on"):
        workshops.submit_comment(wid, me, "services", "Late point", "issue")
    workshops.set_status(wid, "closed")
    with pytest.raises(NotAccepting):
        workshops.answer_poll(wid, me, "services_poll", "Agree")
    with pytest.raises(NotAccepting, match="closed"):
        workshops.join(wid, "provider", "1")


def test_poll_answer_is_one_per_person_and_can_change(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "commissioner", "2")["id"]
    poll = next(q for q in workshops.pack_of(wid).questions if q.kind == "scale")
    workshops.set_current(wid, poll.id)
    workshops.answer_poll(wid, me, poll.id, "Agree")
    workshops.answer_poll(wid, me, poll.id, "Strongly agree")
    assert workshops.own_answer(wid, me, poll.id) == ["Strongly agree"]
    assert len(workshops.snapshot(wid).answers) == 1
    with pytest.raises(InvalidInput, match="not one of"):
        workshops.answer_poll(wid, me, poll.id, "Maybe")


def test_roles_must_be_known(workshops, open_workshop):
    with pytest.raises(InvalidInput, match="commissioner, provider, user, other"):
        workshops.join(open_workshop["id"], "mayor", "1")


def test_moving_on_publishes_the_status_phones_follow(workshops, open_workshop, tmp_path):
    before = follow.read_status(tmp_path / "live", open_workshop["join_code"])
    workshops.move(open_workshop["id"], 1)
    after = follow.read_status(tmp_path / "live", open_workshop["join_code"])
    assert after["v"] == before["v"] + 1
    assert after["question"] == workshops.get(open_workshop["id"])["current_question_id"]


def test_hidden_comments_are_kept_but_not_visible(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "1")["id"]
    c = workshops.submit_comment(wid, me, "services", "Something rude", "issue")
    workshops.set_hidden(wid, c["id"], True)
    snap = workshops.snapshot(wid)
    assert len(snap.comments) == 1 and snap.visible_comments == []
    workshops.set_hidden(wid, c["id"], False)
    assert len(workshops.snapshot(wid).visible_comments) == 1


def test_facilitator_themes_win_and_survive_edits(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "1")["id"]
    c = workshops.submit_comment(wid, me, "services", "Staff morale matters", "issue")
    workshops.set_comment_themes(wid, c["id"], ["quality", "workforce"])
    got = workshops.snapshot(wid).comments[0]["themes"]
    assert [(t["theme_id"], t["source"]) for t in got] == [("quality", "person"),
                                                           ("workforce", "person")]
    workshops.edit_comment(wid, me, c["id"], "Staff morale matters a lot", "issue")
    assert workshops.snapshot(wid).comments[0]["themes"] == got
    with pytest.raises(InvalidInput, match="no theme"):
        workshops.set_comment_themes(wid, c["id"], ["made_up"])


def test_add_and_rename_theme(workshops, open_workshop):
    wid = open_workshop["id"]
    theme = workshops.add_theme(wid, "Housing", "Housing, tenancy and accommodation")
    assert theme.id == "housing"
    workshops.rename_theme(wid, "housing", "Housing and tenancy")
    assert workshops.snapshot(wid).theme_label("housing") == "Housing and tenancy"
    with pytest.raises(InvalidInput, match="already"):
        workshops.add_theme(wid, "housing and TENANCY")


def test_paper_input_counts_one_person_per_role_per_table(workshops, open_workshop):
    wid = open_workshop["id"]
    rows = [("services", "Point one", "provider", "Table 1", "issue"),
            ("services", "Point two", "provider", "Table 1", "idea"),
            ("services", "Point three", "commissioner", "Table 1", "question")]
    assert workshops.add_transcribed(wid, rows) == 3
    assert len(workshops.snapshot(wid).delegates) == 2
    workshops.add_transcribed(wid, rows)  # a second batch from the same tables
    snap = workshops.snapshot(wid)
    assert len(snap.delegates) == 2 and len(snap.comments) == 6


def test_a_correction_in_one_server_process_teaches_the_others(shared, tmp_path, packs):
    """With several server processes, a comment sent to any of them is themed with every
    correction the facilitator made, whichever process the console runs on."""
    from workshop.workshops import Workshops

    console = Workshops(shared.open(), packs, tmp_path / "live")
    phones = Workshops(shared.open(), packs, tmp_path / "live")
    w = console.create("Day", "Region", "peoples_borough")
    console.set_status(w["id"], "open")
    me = phones.join(w["id"], "provider", "1")["id"]
    text = "Nobody mentioned the parking at the day centre"
    first = phones.submit_comment(w["id"], me, "services", text, "issue")
    assert [t["theme_id"] for t in first["themes"]][:1] != ["choice"]
    console.set_comment_themes(w["id"], first["id"], ["choice"])
    again = phones.submit_comment(w["id"], me, "services", text + ".", "issue")
    assert again["themes"][0]["theme_id"] == "choice"


def test_corrections_on_a_question_lean_its_later_comments_in_every_process(shared, tmp_path, packs):
    """A facilitator's corrections on a question teach the tagger for the rest of the
    workshop: later comments on that question (in this process, and in one that rebuilds
    its tagger from the store) lean toward the themes given there."""
    from workshop.workshops import Workshops

    console = Workshops(shared.open(), packs, tmp_path / "live")
    other = Workshops(shared.open(), packs, tmp_path / "live")
    wid = console.create("Day", "Region", "peoples_borough")["id"]
    taught = {"quality_assurance": ("quality", [
        "Visit people at home and ask them what good care looks like.",
        "CQC ratings alone do not tell you enough about a provider.",
        "Minimum standards should be the same for every provider on the list."]),
        "subcontracting": ("accountability", [
            "The lead provider must carry the risk if a sub-contractor fails.",
            "Contracts need to say who is liable when something goes wrong.",
            "A broker in the middle blurs the duty of care."])}
    console.add_transcribed(wid, [(q, text, "provider", "1", "issue")
                                  for q, (_, texts) in taught.items() for text in texts])
    for c in console.snapshot(wid).comments:
        console.set_comment_themes(wid, c["id"], [taught[c["question_id"]][0]])
    both = "Who is responsible for checking the quality of care?"
    for ws in (console, other):
        ws.add_transcribed(wid, [("quality_assurance", both, "user", "2", "issue"),
                                 ("subcontracting", both, "user", "2", "issue")])
        *_, on_quality, on_subcontracting = ws.snapshot(wid).comments
        assert on_quality["themes"][0]["theme_id"] == "quality"
        assert on_subcontracting["themes"][0]["theme_id"] == "accountability"


def test_two_server_processes_moving_at_once_never_reuse_a_version(shared, tmp_path, packs):
    """Every move raises the version phones follow, even when two processes (here two
    Workshops on one data folder, as `workshop serve` runs them) move at the same time,
    and themes added at once from both are all kept."""
    import threading

    from workshop.workshops import Workshops
    one = Workshops(shared.open(), packs, tmp_path / "live")
    two = Workshops(shared.open(), packs, tmp_path / "live")
    wid = one.create("Busy day", "East Midlands", "peoples_borough")["id"]
    start = one.get(wid)["follow_version"]

    def work(ws, name):
        for i in range(15):
            ws.set_status(wid, "open" if i % 2 else "draft")
            ws.add_theme(wid, f"{name} theme {i}")

    threads = [threading.Thread(target=work, args=(ws, n)) for ws, n in ((one, "A"), (two, "B"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert one.get(wid)["follow_version"] == two.get(wid)["follow_version"] == start + 30
    labels = {t.label for t in two.codebook(wid)}
    assert {f"{n} theme {i}" for n in "AB" for i in range(15)} <= labels


def test_a_damaged_workshop_is_listed_apart_and_the_others_keep_working(tmp_path, packs):
    """Found in review: one emptied store file showed as a workshop without its 30
    comments, or (unreadable) stopped every page of every workshop."""
    from store import FileStore
    from workshop.errors import CorruptStore
    from workshop.workshops import Damaged, Workshops

    folder = tmp_path / "data"
    ws = Workshops(FileStore(folder), packs, tmp_path / "live", posts_per_minute=0)
    hit = ws.create("Day one", "Region", "peoples_borough")
    fine = ws.create("Day two", "Region", "peoples_borough")
    for w in (hit, fine):
        ws.set_status(w["id"], "open")
        me = ws.join(w["id"], "provider", "1")["id"]
        for i in range(30):
            ws.submit_comment(w["id"], me, "services", f"Point number {i}", "issue")
        ws.store.compact(w["id"])
        ws.move(w["id"], 1)
    (folder / f"{hit['id']}.json").write_bytes(b"")

    again = Workshops(FileStore(folder), packs, tmp_path / "live")
    assert [w["id"] for w in again.all()] == [fine["id"]]
    [damaged] = again.damaged()
    assert damaged == Damaged(hit["id"], damaged.message)
    assert damaged.message.startswith(f"The workshop {hit['id']} cannot be opened: its store "
                                      f"file {hit['id']}.json is empty. Nothing was changed")
    with pytest.raises(CorruptStore):
        again.snapshot(hit["id"])
    assert len(again.snapshot(fine["id"]).comments) == 30
    assert again.by_join_code(fine["join_code"])["id"] == fine["id"]
    assert again.create("Day three", "Region", "peoples_borough")["title"] == "Day three"


def test_deleting_a_workshop_needs_its_code_or_title_typed(workshops, open_workshop, tmp_path):
    wid, code = open_workshop["id"], open_workshop["join_code"]
    other = workshops.create("Another day", "Region", "peoples_borough")
    me = workshops.join(wid, "provider", "1")["id"]
    workshops.submit_comment(wid, me, "services", "Keep this until deleted", "issue")
    workshops.save_report_edit(wid, "## Our edited report")
    for typed in ("", "ABCDEF", other["join_code"], "Another day", wid):
        with pytest.raises(InvalidInput, match=f"Nothing was deleted. To delete \u201c"
                                               f"Contracting for personalised outcomes\u201d "
                                               f"\\({wid}\\), type its join code, {code}, or "
                                               "its title."):
            workshops.delete(wid, typed)
    assert workshops.get(wid)["report_edit"] == "## Our edited report"
    assert follow.status_path(tmp_path / "live", code).exists()

    assert workshops.delete(wid, f" {code[:3].lower()} {code[3:].lower()} ").endswith(f"({wid})")
    assert [w["id"] for w in workshops.all()] == [other["id"]]
    assert not follow.status_path(tmp_path / "live", code).exists()
    assert follow.status_path(tmp_path / "live", other["join_code"]).exists()
    with pytest.raises(NotFound):
        workshops.by_join_code(code)
    with pytest.raises(NotFound):
        workshops.snapshot(wid)
    assert workshops.delete(other["id"], "another  DAY") == f"\u201cAnother day\u201d ({other['id']})"
    assert workshops.all() == []


def test_a_damaged_workshop_is_deleted_by_typing_its_id(tmp_path, packs):
    from store import FileStore
    from workshop.workshops import Workshops
    folder = tmp_path / "data"
    ws = Workshops(FileStore(folder), packs, tmp_path / "live")
    w = ws.create("Day", "Region", "peoples_borough")
    other = ws.create("Other day", "Region", "peoples_borough")
    (folder / f"{w['id']}.json").write_bytes(b"{")
    with pytest.raises(InvalidInput, match=f"To delete {w['id']}, type its id, {w['id']}."):
        ws.delete(w["id"], w["join_code"])
    assert ws.delete(w["id"], w["id"]) == w["id"]
    assert ws.damaged() == [] and [x["id"] for x in ws.all()] == [other["id"]]
    assert not [p for p in folder.iterdir() if p.name.startswith((w["id"], f".{w['id']}"))]
    # Its status file is found as the one of no workshop; the other's stays.
    assert not follow.status_path(tmp_path / "live", w["join_code"]).exists()
    assert follow.status_path(tmp_path / "live", other["join_code"]).exists()


def test_a_table_is_optional_unless_the_pack_requires_it(workshops, open_workshop):
    from workshop.scenarios import pack_from_dict
    wid = open_workshop["id"]
    me = workshops.join(wid, "user", "  ")["id"]
    assert workshops.delegate(wid, me)["table"] == ""
    workshops.set_table(wid, me, " Table  7 ")
    assert workshops.delegate(wid, me)["table"] == "Table 7"
    with pytest.raises(InvalidInput, match="Please give a table number or name"):
        workshops.set_table(wid, me, "")
    assert workshops.delegate(wid, me)["table"] == "Table 7"  # nothing lost
    with pytest.raises(NotFound):
        workshops.set_table(wid, "not-a-delegate", "Table 1")
    strict = pack_from_dict({**workshops.pack_of(wid).raw, "id": "strict",
                             "table": "required"})
    workshops.add_pack(strict)
    w = workshops.create("Tables needed", "Wales", "strict")
    workshops.set_status(w["id"], "open")
    with pytest.raises(InvalidInput, match="Please give a table number or name"):
        workshops.join(w["id"], "user", "")
    assert not workshops.snapshot(w["id"]).delegates
    assert workshops.join(w["id"], "user", "2")["table"] == "2"
    workshops.set_status(wid, "closed")
    with pytest.raises(NotAccepting):
        workshops.set_table(wid, me, "Table 8")


def test_points_step_fits_the_total():
    from workshop.formats import points_step
    assert [points_step(t) for t in (100, 50, 20, 10, 7)] == [10, 5, 2, 1, 1]
