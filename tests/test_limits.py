"""How often one device or delegate may try: wrong join codes per address, comments and
ideas per delegate a minute."""

import re
import threading
import time

import pytest

from store import FileStore
from workshop.errors import InvalidInput, NotFound, TooMany
from workshop.limits import RateLimiter, Window, in_words
from workshop.workshops import Workshops


class Clock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_window_allows_the_limit_then_says_how_long_to_wait():
    w = Window(3, 60)
    assert w.wait([], 100) == 0
    assert w.wait([50, 60], 100) == 0
    assert w.wait([50, 60, 70], 100) == pytest.approx(10)  # 50 + 60 - 100
    assert w.wait([10, 50, 60, 70], 100) == pytest.approx(10)  # 10 is too old to count
    assert w.wait([45, 50, 60], 105.5) == 0  # 45 has just left the window
    assert Window(0, 60).wait([99] * 50, 100) == 0  # 0: no limit


def test_the_limiter_counts_per_key_and_forgets_after_the_window():
    clock = Clock()
    limiter = RateLimiter(Window(2, 600), clock)
    limiter.hit("10.0.0.1")
    clock.now += 100
    limiter.hit("10.0.0.1")
    assert limiter.wait("10.0.0.1") == pytest.approx(500)
    assert limiter.wait("10.0.0.2") == 0  # another device is not held up
    clock.now += 500
    assert limiter.wait("10.0.0.1") == 0


def test_the_limiter_is_exact_when_many_threads_count_at_once():
    limiter = RateLimiter(Window(1000, 600), Clock())
    threads = [threading.Thread(target=lambda: [limiter.hit("a") for _ in range(200)])
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert limiter.wait("a") > 0  # 1,600 hits: over the limit of 1,000
    assert len(limiter._times["a"]) == 1000  # only the latest `limit` are kept


def test_the_limiter_keeps_a_bounded_number_of_addresses(monkeypatch):
    monkeypatch.setattr(RateLimiter, "MAX_KEYS", 50)
    clock = Clock()
    limiter = RateLimiter(Window(5, 10), clock)
    for i in range(200):
        clock.now += 1
        limiter.hit(f"device {i}")
    assert len(limiter._times) <= 50
    assert limiter.wait("device 199") == 0 and "device 199" in limiter._times


@pytest.mark.parametrize("seconds, words", [(0.2, "1 second"), (20, "20 seconds"),
                                            (59.5, "1 minute"), (61, "2 minutes"),
                                            (420, "7 minutes")])
def test_waits_are_said_in_words(seconds, words):
    assert in_words(seconds) == words


# -- wrong join codes ----------------------------------------------------------------
def _wrong(code_of_workshop: str) -> str:
    """A well-formed code that is not the workshop's."""
    return "ABCDEF" if code_of_workshop != "ABCDEF" else "GHJKMN"


def test_ten_wrong_codes_from_one_address_then_it_must_wait(workshops, open_workshop):
    clock = Clock()
    workshops.wrong_codes._clock = clock
    code, wrong = open_workshop["join_code"], _wrong(open_workshop["join_code"])
    for _ in range(10):
        with pytest.raises(NotFound, match="No workshop has the code"):
            workshops.find_by_code(wrong, "192.168.1.20")
    with pytest.raises(TooMany, match="Please try again in 10 minutes") as refused:
        workshops.find_by_code(wrong, "192.168.1.20")
    assert refused.value.retry_after == pytest.approx(600)
    # Blocked, even the right code is refused (else the refusal would say it was right).
    with pytest.raises(TooMany):
        workshops.find_by_code(code, "192.168.1.20")
    # Another phone in the room is not held up.
    assert workshops.find_by_code(code, "192.168.1.21")["id"] == open_workshop["id"]
    clock.now += 601
    assert workshops.find_by_code(code, "192.168.1.20")["id"] == open_workshop["id"]


def test_a_phone_already_in_is_never_held_up_by_others_wrong_codes(workshops, open_workshop):
    """Phones sharing a venue's address: one person's typos do not lock out the others
    who have joined (they bring their token)."""
    wid, code = open_workshop["id"], open_workshop["join_code"]
    me = workshops.join(wid, "user", "3")["id"]
    for _ in range(10):
        with pytest.raises(NotFound):
            workshops.find_by_code(_wrong(code), "203.0.113.9")
    assert workshops.find_by_code(code, "203.0.113.9", token=me)["id"] == wid
    with pytest.raises(TooMany):
        workshops.find_by_code(code, "203.0.113.9", token="made-up-token")


def test_typos_that_can_match_no_code_are_not_counted(workshops, open_workshop):
    for typo in ["K7PM3", "K7PM30Q", "K0PM1Q", "hello!"]:  # wrong length, 0 and 1 unused
        for _ in range(3):
            with pytest.raises(NotFound):
                workshops.find_by_code(typo, "192.168.1.22")
    with pytest.raises(InvalidInput, match="Please type the join code"):
        workshops.find_by_code("  ", "192.168.1.22")
    assert workshops.wrong_codes.wait("192.168.1.22") == 0
    assert workshops.find_by_code(open_workshop["join_code"].lower(), "192.168.1.22")


def test_the_wrong_code_limit_is_a_setting(monkeypatch, store, packs, tmp_path):
    monkeypatch.setenv("WORKSHOP_WRONG_CODES", "2")
    ws = Workshops(store, packs, tmp_path / "live")
    ws.create("Day", "North", "peoples_borough")
    for _ in range(2):
        with pytest.raises(NotFound):
            ws.find_by_code("ABCDEF", "10.1.1.1")
    with pytest.raises(TooMany):
        ws.find_by_code("ABCDEF", "10.1.1.1")


# -- comments and ideas a minute -----------------------------------------------------
def test_eleventh_comment_in_a_minute_is_refused_kindly(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "1")["id"]
    for i in range(10):
        workshops.submit_comment(wid, me, "services", f"Point {i}", "issue")
    with pytest.raises(TooMany) as refused:
        workshops.submit_comment(wid, me, "services", "One more point", "issue")
    assert re.fullmatch(r"You have sent 10 comments in the last minute\. Please wait "
                        r"(\d\d? seconds|1 minute) before sending another\. Your comment is "
                        r"still in the box\.", str(refused.value)), str(refused.value)
    assert len(workshops.own_comments(wid, me)) == 10  # nothing more saved
    # Someone else in the room is not held up.
    other = workshops.join(wid, "user", "2")["id"]
    workshops.submit_comment(wid, other, "services", "My first point", "idea")
    # A minute later, the first person may send again.
    workshops._clock = lambda: time.time() + 61
    workshops.submit_comment(wid, me, "services", "One more point", "issue")
    assert len(workshops.own_comments(wid, me)) == 11


def test_a_repeated_tap_after_the_limit_is_still_saved_once(workshops, open_workshop):
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "1")["id"]
    for i in range(9):
        workshops.submit_comment(wid, me, "services", f"Point {i}", "issue")
    tenth = workshops.submit_comment(wid, me, "services", "Tenth", "issue", "tap-10")
    again = workshops.submit_comment(wid, me, "services", "Tenth", "issue", "tap-10")
    assert again["id"] == tenth["id"] and len(workshops.own_comments(wid, me)) == 10


def test_the_count_comes_from_the_saved_times_so_every_process_agrees(tmp_path, packs):
    """A second server process (or a restarted one) sees the same ten comments."""
    one = Workshops(FileStore(tmp_path / "data"), packs, tmp_path / "live")
    w = one.create("Day", "North", "peoples_borough")
    one.set_status(w["id"], "open")
    me = one.join(w["id"], "user", "1")["id"]
    for i in range(10):
        one.submit_comment(w["id"], me, "services", f"Point {i}", "issue")
    two = Workshops(FileStore(tmp_path / "data"), packs, tmp_path / "live")
    with pytest.raises(TooMany, match="You have sent 10 comments"):
        two.submit_comment(w["id"], me, "services", "From the other process", "issue")


def test_ideas_have_their_own_limit(workshops, packs):
    board_pack = next(p for p in packs.values()
                      if any(q.kind == "idea_board" for q in p.questions))
    board = next(q for q in board_pack.questions if q.kind == "idea_board")
    w = workshops.create("Ideas day", "North", board_pack.id)
    wid = w["id"]
    workshops.set_status(wid, "open")
    workshops.set_current(wid, board.id)
    me = workshops.join(wid, board_pack.role_ids[0], "1")["id"]
    for i in range(10):
        workshops.post_idea(wid, me, board.id, f"Idea number {i}", board.tags[0]
                            if board.tags else None)
    with pytest.raises(TooMany, match="You have posted 10 ideas in the last minute. Please "
                                      "wait .* before posting another. Your idea is still in "
                                      "the box."):
        workshops.post_idea(wid, me, board.id, "Idea eleven", board.tags[0]
                            if board.tags else None)


def test_several_sessions_sending_at_once_never_pass_the_limit(workshops, open_workshop):
    """Sessions share one Workshops in a process: the count and the save are one step."""
    wid = open_workshop["id"]
    me = workshops.join(wid, "provider", "1")["id"]
    refused = []

    def send(n):
        try:
            workshops.submit_comment(wid, me, "services", f"Point {n}", "issue")
        except TooMany:
            refused.append(n)
    threads = [threading.Thread(target=send, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(workshops.own_comments(wid, me)) == 10 and len(refused) == 6


def test_the_posts_limit_is_a_setting_and_0_turns_it_off(monkeypatch, store, packs, tmp_path):
    monkeypatch.setenv("WORKSHOP_POSTS_PER_MINUTE", "0")
    ws = Workshops(store, packs, tmp_path / "live")
    wid = ws.create("Day", "North", "peoples_borough")["id"]
    ws.set_status(wid, "open")
    me = ws.join(wid, "user", "1")["id"]
    for i in range(25):
        ws.submit_comment(wid, me, "services", f"Point {i}", "issue")
    assert len(ws.own_comments(wid, me)) == 25
