"""Candidate themes from comments the codebook does not cover; a person decides."""

import pytest

from workshop.emergent import Candidate, candidate_themes, needs_theme
from workshop.errors import InvalidInput


def _c(i, text, themes=(), **extra):
    return {"id": f"c{i}", "text": text, "themes": [
        {"theme_id": t, "confidence": conf, "source": src} for t, conf, src in themes], **extra}


THEMED = [_c(100 + i, text, [("cost", 0.9, "auto")]) for i, text in enumerate([
    "Price should not be the only deciding factor", "Unit costs must be transparent",
    "Fees are too low to pay staff properly", "Budgets are being cut every year",
    "Providers are squeezed on price", "Hourly rates do not cover travel"])]
TRANSPORT = [_c(1, "Transport to day services is a real problem in rural villages"),
             _c(2, "No bus route gets people from the villages to the day centre"),
             _c(3, "Rural transport is patchy, so people miss the day centre", [("cost", 0.3,
                                                                                 "auto")]),
             _c(4, "Community transport schemes in villages keep closing")]
STRAYS = [_c(5, "The cake at lunch was lovely"), _c(6, "Could we have a longer break")]


def test_only_unthemed_or_poorly_themed_visible_comments_need_a_theme():
    assert needs_theme(_c(1, "x")) and needs_theme(_c(1, "x", [("cost", 0.3, "auto")]))
    assert not needs_theme(_c(1, "x", [("cost", 0.9, "auto")]))
    assert not needs_theme(_c(1, "x", [("cost", 0.2, "person")]))
    assert not needs_theme(_c(1, "x", hidden=True))


def test_a_group_of_unthemed_comments_is_offered_with_a_name_and_examples():
    found = candidate_themes(THEMED + TRANSPORT + STRAYS)
    assert len(found) == 1
    group = found[0]
    assert set(group.comment_ids) == {"c1", "c2", "c3", "c4"}
    assert "transport" in group.name.lower() or "village" in group.name.lower()
    assert len(group.examples) == 3 and all(e in [c["text"] for c in TRANSPORT]
                                             for e in group.examples)


def test_nothing_is_offered_from_too_few_or_unrelated_comments():
    assert candidate_themes(THEMED + TRANSPORT[:2] + STRAYS) == []
    assert candidate_themes(THEMED) == []


def test_comments_set_aside_are_not_offered_again():
    assert candidate_themes(THEMED + TRANSPORT, set_aside={"c1", "c2"}) == []


@pytest.fixture
def unthemed(workshops, open_workshop):
    wid = open_workshop["id"]
    ids = []
    for c in TRANSPORT:
        token = workshops.join(wid, "user", "1")["id"]
        ids.append(workshops.submit_comment(wid, token, "services", c["text"], "issue")["id"])
    return wid, Candidate("k", "Transport and villages", "Comments about transport.",
                          ("transport", "villages"), tuple(ids), ())


def test_accepting_a_candidate_adds_the_theme_and_gives_it_to_its_comments(workshops,
                                                                          unthemed):
    wid, candidate = unthemed
    theme = workshops.accept_candidate(wid, candidate, "Rural transport")
    assert theme.label == "Rural transport" and theme.keywords == ("transport", "villages")
    assert theme.id in {t.id for t in workshops.codebook(wid)}
    for c in workshops.snapshot(wid).comments:
        assert c["themes"] == [{"theme_id": theme.id, "confidence": 1.0, "source": "person"}]
    later = workshops.tagger(wid).tag("Transport from the villages is hopeless")
    assert later and later[0].theme_id == theme.id


def test_merging_a_candidate_into_an_existing_theme(workshops, unthemed):
    wid, candidate = unthemed
    workshops.merge_candidate(wid, candidate, "market")
    assert {c["themes"][0]["theme_id"] for c in workshops.snapshot(wid).comments} == {
        "market"}
    with pytest.raises(Exception, match="no theme"):
        workshops.merge_candidate(wid, candidate, "nonsense")


def test_setting_a_candidate_aside_and_a_clashing_name(workshops, unthemed):
    wid, candidate = unthemed
    workshops.set_aside_candidate(wid, candidate)
    assert set(workshops.get(wid)["set_aside"]) == set(candidate.comment_ids)
    assert workshops.candidate_themes(wid) == []
    label = workshops.codebook(wid)[0].label
    with pytest.raises(InvalidInput, match="already a theme"):
        workshops.accept_candidate(wid, candidate, label)
