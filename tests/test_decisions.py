"""A judging panel's decision and the day's agreed actions: recorded by the facilitator,
written into the report, and held to the data by the report check."""

import pytest

from store import MemoryStore
from workshop.claims import check_report
from workshop.errors import InvalidInput
from workshop.report import draft_report
from workshop.results import scoring_result
from workshop.workshops import Workshops

FORUM, ULO, CHECKERS = "Home care buying club", "Direct payments made easy", \
    "Quality checkers at home"


@pytest.fixture
def workshops(packs, tmp_path):
    return Workshops(MemoryStore(), packs, tmp_path / "live")


def _score(ws, wid, judge, entry, each):
    q = ws.pack_of(wid).question("judging")
    ws.score_entry(wid, judge, "judging", entry, {c: each for c in q.criteria})


@pytest.fixture
def judged(workshops):
    """Three judges. The buying club scores 4 on everything from all three; the direct
    payments entry 4 on everything from the two judges who scored it (the third missed it);
    the quality checkers 3 on everything from all three. Added up, the missed entry would
    come third (56 against 63); on the average of its judges it is joint first."""
    w = workshops.create("Home care", "Northvale", "home_care_competition")
    wid = w["id"]
    workshops.set_status(wid, "open")
    workshops.set_current(wid, "judging")
    judges = [workshops.join(wid, role, "1")["id"]
              for role in ("judge_ulo", "judge_council", "judge_national")]
    for i, judge in enumerate(judges):
        _score(workshops, wid, judge, "e_forum", 4)
        if i < 2:
            _score(workshops, wid, judge, "e_ulo", 4)
        _score(workshops, wid, judge, "e_selfadvocacy", 3)
    return workshops, wid


def _problems(snap, text) -> list[str]:
    return [p.message for p in check_report(snap, text).problems]


def _decision_line(draft: str) -> str:
    return next(x for x in draft.splitlines() if x.startswith("**The panel's decision.**"))


# --- ranks on the average of the judges who scored each entry ------------------------------

def test_an_entry_one_judge_missed_keeps_its_joint_first_place(judged):
    ws, wid = judged
    snap = ws.snapshot(wid)
    r = scoring_result(snap, "judging")
    ranks = {e.title: (e.rank, e.average, e.judges) for e in r.entries if e.judges}
    assert ranks == {FORUM: (1, 28.0, 3), ULO: (1, 28.0, 2), CHECKERS: (3, 21.0, 3)}
    draft = draft_report(snap)
    assert (f"{FORUM} and {ULO} tied for first place on 28.0 points (each the average of "
            "the judges who scored it).") in draft
    assert f"| \\=1 | {ULO} | Westmere Disabled People's Network | 28.0 | 2 | 28 to 28 |" in draft
    assert check_report(snap, draft).ok, _problems(snap, draft)


def test_ranks_and_ties_the_scores_do_not_support_are_caught(judged):
    ws, wid = judged
    snap = ws.snapshot(wid)
    draft = draft_report(snap)
    lead = next(x for x in draft.splitlines() if x.startswith("Three judges scored"))
    # The check reads the place whoever wrote the sentence gave, in any case.
    for said, problem in [
            (f"The panel ranked {CHECKERS} first.",
             "says quality checkers at home came first, but it did not (it is placed 3)"),
            (f"The panel ranked {CHECKERS.lower()} first.",
             "says quality checkers at home came first, but it did not (it is placed 3)"),
            (f"The panel ranked \u201c{CHECKERS}\u201d first.",
             "says quality checkers at home came first, but it did not (it is placed 3)"),
            ("The panel ranked Brackendale Speaking Up Group first.",
             "says quality checkers at home came first, but it did not (it is placed 3)"),
            (f"The panel ranked {CHECKERS} first and {FORUM} third.",
             "says home care buying club came third, but it did not (it is placed 1)"),
            (f"{FORUM} and {CHECKERS} tied for first place.",
             "says home care buying club and quality checkers at home tied, but they did "
             "not"),
            (f"The panel ranked {FORUM} first.",
             "says home care buying club came first alone, but it tied with direct "
             "payments made easy"),
            ("The panel ranked Sunshine Homes first.",
             "names \u201csunshine homes\u201d, which is not an entry in this question"),
            (f"The panel ranked Outcome diaries for users and carers first.",
             "says outcome diaries for users and carers came first, but no judge scored it")]:
        assert problem in _problems(snap, draft.replace(lead, said)), said
    # What the scores do support passes.
    for said in (f"{FORUM} and {ULO} shared first place; {CHECKERS} came third.",
                 f"The panel ranked {CHECKERS} third."):
        assert check_report(snap, draft.replace(lead, said)).ok, (said, _problems(
            snap, draft.replace(lead, said)))


# --- the panel's decision -------------------------------------------------------------------

def test_a_decision_by_casting_vote_is_written_and_checked(judged):
    ws, wid = judged
    ws.record_decision(wid, "judging", ["e_ulo"], "the chair", "\u00a34,000")
    snap = ws.snapshot(wid)
    draft = draft_report(snap)
    line = _decision_line(draft)
    assert line == (f"**The panel's decision.** The panel awarded the prize to {ULO}, settled "
                    f"by the chair's casting vote. {ULO} received \u00a34,000.")
    assert check_report(snap, draft).ok, _problems(snap, draft)
    # The scores tied; the recorded casting vote supports one winner.
    for said in (f"{ULO} won on the chair's casting vote and received \u00a34,000.",
                 f"The chair's casting vote settled the tie for first place: the prize went to "
                 f"{ULO}."):
        assert check_report(snap, draft.replace(line, said)).ok, (said, _problems(
            snap, draft.replace(line, said)))
    for said, problem in [
            (f"{FORUM} won on the chair's casting vote.",
             f"says home care buying club won, but the panel's recorded decision was {ULO}"),
            (f"The panel awarded the prize jointly to {FORUM} and {ULO}.",
             f"says the prize was shared, but the panel's recorded decision names one "
             f"winner, {ULO}"),
            (f"{ULO} won on the treasurer's casting vote.",
             "names the wrong casting vote: the recorded one was the chair's casting vote"),
            (f"{ULO} won and received \u00a35,000.",
             "gives a prize of \u00a35,000, but the recorded prize was \u00a34,000"),
            (f"The panel awarded the prize to Sunshine Homes.",
             "names \u201csunshine homes\u201d, which is not an entry in this question")]:
        assert problem in _problems(snap, draft.replace(line, said)), said


def test_a_split_prize_is_written_and_each_winners_amount_checked(judged):
    ws, wid = judged
    ws.record_decision(wid, "judging", ["e_ulo", "e_forum"], "", "4000")
    snap = ws.snapshot(wid)
    draft = draft_report(snap)
    line = _decision_line(draft)
    assert line == (f"**The panel's decision.** The panel awarded the prize jointly to "
                    f"{FORUM} and {ULO}. Each winner received \u00a34,000.")
    assert check_report(snap, draft).ok, _problems(snap, draft)
    for said in (f"The panel shared the prize between {FORUM} and {ULO}; each winner "
                 "received \u00a34,000.",
                 f"{FORUM} and {ULO} were joint winners, with \u00a34,000 each."):
        assert check_report(snap, draft.replace(line, said)).ok, (said, _problems(
            snap, draft.replace(line, said)))
    for said, problem in [
            (f"The panel awarded the prize to {FORUM}.",
             f"says the prize went to home care buying club alone, but the panel's recorded "
             f"decision was joint: {FORUM} and {ULO}"),
            (f"{FORUM} and {ULO} won, settled by the chair's casting vote.",
             "says a casting vote settled it, but no casting vote was recorded"),
            (f"{CHECKERS} and {ULO} were joint winners.",
             f"says quality checkers at home won, but the panel's recorded decision was "
             f"{FORUM} and {ULO}")]:
        assert problem in _problems(snap, draft.replace(line, said)), said


def test_without_a_recorded_decision_a_casting_vote_or_prize_is_caught(judged):
    ws, wid = judged
    snap = ws.snapshot(wid)
    draft = draft_report(snap)
    assert "The panel's decision" not in draft
    lead = next(x for x in draft.splitlines() if x.startswith("Three judges scored"))
    said = f"{ULO} won on the chair's casting vote and received \u00a34,000."
    problems = _problems(snap, draft.replace(lead, said))
    assert "says a casting vote settled it, but no casting vote was recorded" in problems
    assert "gives a prize of \u00a34,000, but no prize was recorded" in problems
    # With no decision, who won is who came first on the scores.
    said = f"The panel awarded the prize to {CHECKERS}."
    assert ("says quality checkers at home came first, but it did not (it is placed 3)"
            in _problems(snap, draft.replace(lead, said)))


def test_bad_decisions_are_refused_with_a_message_and_lose_nothing(judged):
    ws, wid = judged
    ws.record_decision(wid, "judging", ["e_ulo"], "the chair", "4000")
    saved = ws.get(wid)["decisions"]
    for winners, prize, message in [
            (["e_nowhere"], "", "is not an entry in this question. The entries are: "
                                f"{FORUM}, {ULO}"),
            ([], "", "Choose the winning entry"),
            (["e_ulo"], "-50", "The prize cannot be less than \u00a30."),
            (["e_ulo"], "four thousand", "\u201cfour thousand\u201d is not an amount of "
                                         "money"),
            (["e_ulo"], "40000000000", "The prize can be at most")]:
        with pytest.raises(InvalidInput, match=message.replace("(", r"\(")):
            ws.record_decision(wid, "judging", winners, "", prize)
    with pytest.raises(InvalidInput, match="only be recorded for a judging question"):
        ws.record_decision(wid, "investment", ["e_ulo"])
    assert ws.get(wid)["decisions"] == saved


def test_the_decision_is_hidden_from_the_projector_until_shown(judged):
    from workshop.decisions import decision_shown
    ws, wid = judged
    with pytest.raises(InvalidInput, match="Record the panel's decision before showing it"):
        ws.set_decision_shown(wid, "judging", True)
    ws.record_decision(wid, "judging", ["e_forum"], prize="")
    assert not decision_shown(ws.get(wid), "judging")
    ws.set_decision_shown(wid, "judging", True)
    assert decision_shown(ws.get(wid), "judging")
    ws.clear_decision(wid, "judging")
    assert not decision_shown(ws.get(wid), "judging")
    assert "The panel's decision" not in draft_report(ws.snapshot(wid))


# --- agreed actions and practice points -----------------------------------------------------

def test_agreed_actions_have_their_own_section_and_are_not_comments(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "1")["id"]
    workshops.submit_comment(wid, me, "services", "Contracts are far too rigid", "issue")
    before = draft_report(workshops.snapshot(wid))
    action = workshops.add_agreed(wid, "action", "The council will publish the new prices "
                                                 "by March")
    workshops.add_agreed(wid, "practice", "Ask providers before changing a framework")
    typo = workshops.add_agreed(wid, "action", "Meet again in the autum")
    workshops.edit_agreed(wid, typo.id, "Meet again in the autumn")
    gone = workshops.add_agreed(wid, "action", "Not agreed after all")
    workshops.remove_agreed(wid, gone.id)
    snap = workshops.snapshot(wid)
    draft = draft_report(snap)
    actions = draft.split("## Agreed actions\n")[1].split("\n## ")[0]
    assert "not delegates' comments" in actions
    assert "- The council will publish the new prices by March\n- Meet again in the autumn" \
        in actions
    assert "Not agreed after all" not in draft
    practice = draft.split("## Practice points\n")[1].split("\n## ")[0]
    assert "- Ask providers before changing a framework" in practice
    # Nothing a delegate said is counted differently: the rest of the report is unchanged.
    rest = draft[:draft.index("## Agreed actions")] + draft[draft.index("## How this draft"):]
    assert rest == before
    assert len(snap.comments) == 1
    assert check_report(snap, draft).ok, _problems(snap, draft)
    invented = draft.replace("- Meet again in the autumn", "- Close the framework next week")
    assert _problems(snap, invented) == [
        "\u201cClose the framework next week\u201d is not an agreed action the facilitator "
        "recorded"]
    moved = draft.replace("- Ask providers before changing a framework\n", "").replace(
        f"- {action.text}", f"- {action.text}\n- Ask providers before changing a framework")
    assert _problems(snap, moved) == [
        "\u201cAsk providers before changing a framework\u201d was recorded as a practice "
        "point, not an agreed action"]


def test_bad_agreed_items_are_refused_and_lose_nothing(workshops, open_workshop):
    wid = open_workshop["id"]
    kept = workshops.add_agreed(wid, "action", "Write to every provider")
    for kind, text, message in [("action", "   ", "Please type the agreed action"),
                                ("action", "x" * 301, "The limit is 300"),
                                ("action", "Use <b>bold</b>", "angle brackets"),
                                ("wish", "Something", "agreed action or a practice point")]:
        with pytest.raises(InvalidInput, match=message):
            workshops.add_agreed(wid, kind, text)
    with pytest.raises(InvalidInput, match="Please type"):
        workshops.edit_agreed(wid, kept.id, "")
    assert [a["text"] for a in workshops.get(wid)["agreed"]] == ["Write to every provider"]


def test_cli_check_of_an_edited_file_holds_it_to_the_recorded_decision(judged, tmp_path,
                                                                       monkeypatch, capsys):
    from workshop import cli
    ws, wid = judged
    monkeypatch.setattr(cli, "open_workshops", lambda: ws)
    ws.record_decision(wid, "judging", ["e_forum", "e_ulo"], prize="\u00a34,000")
    draft = draft_report(ws.snapshot(wid))
    line = _decision_line(draft)
    edited = tmp_path / "edited.md"
    edited.write_text(draft.replace(line, f"{FORUM} and {ULO} shared the prize, and each "
                                          "winner received \u00a34,000."), encoding="utf-8")
    assert cli.main(["report", wid, "--check", "--file", str(edited)]) == 0
    assert "all match the data" in capsys.readouterr().out
    edited.write_text(draft.replace(line, f"The panel awarded the prize to {CHECKERS}."),
                      encoding="utf-8")
    assert cli.main(["report", wid, "--check", "--file", str(edited)]) == 1
    assert "says quality checkers at home won" in capsys.readouterr().out
