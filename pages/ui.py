"""What every page shares: the app's workshops, the facilitator check, charts, styles.

Rendering helpers only; the rules are in workshop/.
"""

from __future__ import annotations

import threading
import traceback
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components
from streamlit.runtime.pages_manager import PagesManager

from store import configured_store
from workshop import access, charts, devices, follow, links, settings
from workshop.errors import WorkshopError
from workshop.scenarios import load_packs
from workshop.screen import ChartBox
from workshop.text import inline_html, inline_markdown, markdown_text
from workshop.wording import counted
from workshop.workshops import Workshops

ENTRY = Path(__file__).resolve().parent.parent / "workshop_app.py"
_follow = components.declare_component("follow_presenter",
                                       path=str(Path(__file__).parent / "follow"))

# Visible focus on every control (WCAG 2.4.7 / 2.4.11) and big touch targets on phones.
CSS = """
<style>
/* GOV.UK-style focus: yellow ring with a black edge, on the control or, for radios and
   checkboxes whose input is visually hidden, on their label. */
:focus-visible, label:has(input:focus-visible) {
  outline: 3px solid #ffdd00 !important; outline-offset: 0 !important;
  box-shadow: 0 0 0 6px #0b0c0c !important; }
.stButton button, .stFormSubmitButton button, .stDownloadButton button { min-height: 44px; }
/* Streamlit's captions are grey at 60 % opacity (3.9:1 on white); GOV.UK's secondary
   text colour, fully opaque, is 7:1. */
[data-testid="stCaptionContainer"] { color: #505a5f !important; opacity: 1 !important; }
/* Quoted blocks (the pack's plan in the report) in the same secondary colour, fully opaque:
   Streamlit greys them below 4.5:1. */
[data-testid="stMarkdownContainer"] blockquote, [data-testid="stMarkdownContainer"] blockquote p {
  color: #505a5f !important; opacity: 1 !important; }
/* Headings wrap between words, never inside one. Streamlit gives them word-break:
   break-word, which splits a word that does not fit ("Decommissi / oning" at 44 px on a
   320 px screen, as at 400 % zoom); so headings also shrink with a narrow window until
   long words fit. Only a word wider than the whole screen would still break, rather than
   run off it. */
h1, h2, h3, h4, h5, h6 { word-break: normal !important; overflow-wrap: break-word !important;
  hyphens: manual !important; }
h1 { font-size: min(2.75rem, 9vw) !important; }
h2 { font-size: min(2.25rem, 7.5vw) !important; }
h3 { font-size: min(1.75rem, 6.5vw) !important; }
/* Less empty space above the content on a phone. */
[data-testid="stMainBlockContainer"] { padding-top: 2.5rem; }
</style>
"""


# The delegate's phone: every touch target at least 44 px high (WCAG 2.5.8, GOV.UK), no
# "Press Enter to apply" under the text boxes (Streamlit's InputInstructions: a phone has
# no Enter key to speak of, and sending is a button), and a short card title so the
# question and its answer fit the first screen.
PHONE_CSS = """
<style>
[data-testid="InputInstructions"] { display: none !important; }
[data-testid="stRadio"] label:has(input), [data-testid="stCheckbox"] label {
  display: flex; min-height: 44px; align-items: center; }
[data-testid="stRadioGroup"] { gap: 0.25rem 1rem; }
[data-testid="stNumberInputStepUp"], [data-testid="stNumberInputStepDown"] {
  min-width: 44px; min-height: 44px; }
[data-testid="stNumberInputContainer"] { min-height: 44px; }
[data-testid="stExpander"] summary { min-height: 44px; }
.stButton button, .stFormSubmitButton button { min-height: 48px; }
h1 { font-size: clamp(1.3rem, 6vw, 1.6rem) !important; line-height: 1.25 !important;
  padding-top: 0.25rem !important; }
[data-testid="stMainBlockContainer"] { padding-top: 1.5rem; }
/* The follow component is invisible: it takes no line above the page. */
iframe[title="pages.ui.follow_presenter"] { display: block; }
</style>
"""


@st.cache_resource
def workshops() -> Workshops:
    """One set of workshops for every session (the store and tagger are thread-safe)."""
    skipped: list = []  # a broken pack never stops the app: it is left out and named
    ws = Workshops(configured_store(),
                   load_packs(*settings.pack_dirs(), skipped=skipped), settings.live_dir())
    ws.pack_problems = [str(problem) for problem in skipped]
    for problem in ws.pack_problems:
        print(f"A pack was left out: {problem}", flush=True)
    threading.Thread(target=_warm_up, args=(ws,), name="warm-up", daemon=True).start()
    for w in ws.all():  # phones of a restarted server find the status files again
        follow.publish_status(settings.live_dir(), w)
    print(f"\nFacilitator link (keep private): "
          f"{links.facilitator_url(access.facilitator_secret())}\n", flush=True)
    return ws


def _warm_up(ws: Workshops) -> None:
    """Load the theming model, learn each pack's codebook and draw one chart as the server
    starts, in the background: the first time in a process they take seconds (the
    codebooks most), and the first comment of the day should not wait for them, nor hold
    up the console and projector meanwhile. Measured with bench/moderation_latency.py."""
    from workshop import themes
    try:
        themes.embedder()
        for pack in list(ws.packs.values()):
            themes.Tagger(list(pack.codebook))  # learnt once per codebook, then kept
        charts.go.Figure(charts.go.Bar(x=[1], y=["warm"])).to_json()
    except Exception:  # only ever a head start: the same work is done when first needed
        traceback.print_exc()


def styles(phone: bool = False) -> None:
    st.html(CSS + (PHONE_CSS if phone else ""))


def is_facilitator() -> bool:
    """Whether this browser session has shown the facilitator secret: the `key` in the
    address now, or earlier in the same session (the rule is workshop/access.py).
    Following the navigation to another page leaves the key out of the address (Streamlit
    keeps only widget-bound query parameters across pages), so the session remembers, and
    the browser keeps a cookie (remember_facilitator) so a reload there still opens."""
    if st.session_state.get("facilitator_proven"):
        return True
    if access.is_facilitator(st.query_params.get("key")) or access.is_facilitator_cookie(
            _text(st.context.cookies.get(access.FACILITATOR_COOKIE))):
        st.session_state.facilitator_proven = True
        return True
    return False


def require_facilitator() -> None:
    """First thing on every facilitator page: without the secret, a short refusal and
    nothing else (a wrong key gets the same words as none)."""
    if not is_facilitator():
        st.title("Facilitator only")
        st.markdown(access.REFUSAL)
        st.stop()
    # Streamlit 1.67 runs pages two ways. Until some script in this process has called
    # st.navigation, an app with a pages/ folder counts as an old-style multipage app
    # (PagesManager.uses_pages_directory is True): the script runner builds its own hidden
    # navigation from pages/*.py and runs the page the address names directly
    # (streamlit/runtime/scriptrunner/script_runner.py, `_mpa_v1`), so workshop_app.py and
    # its navigation never run. The first st.navigation call clears the flag for the whole
    # process. So a facilitator page opened first on a fresh process clears it, as
    # st.navigation would, and runs the entry script in its place, in this same run (a
    # click it carries is kept): its navigation lists the facilitator's pages and runs this
    # same page again (same url path both ways), now past this point. Streamlit does the
    # same when "/" is opened first. The check above comes first, so only the facilitator
    # gets here.
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        exec(compile(ENTRY.read_text(), str(ENTRY), "exec"),  # noqa: S102
             {"__name__": "__main__", "__file__": str(ENTRY)})
        st.stop()
    remember_facilitator()


def remember_facilitator() -> None:
    """Have this browser keep the facilitator's cookie (workshop/access.py), set by the
    follow component's cookie code (same origin; it follows nothing here)."""
    if access.is_facilitator_cookie(_text(st.context.cookies.get(access.FACILITATOR_COOKIE))):
        return
    _follow(url=None, live_url=None, version=0, interval_ms=0, key="remember_facilitator",
            remember={"name": access.FACILITATOR_COOKIE,
                      "value": access.facilitator_cookie_value(),
                      "max_age": access.FACILITATOR_COOKIE_SECONDS, "same_site": "Strict"},
            default=0)


PAGE_FAILED = ("Sorry, something went wrong on this page. Nothing saved has been lost. "
               "Reload the page to try again.")


@contextmanager
def plain_errors():
    """A page that fails shows a short, plain message; the details go to the server's log
    only (the browser never gets a traceback: .streamlit/config.toml showErrorDetails)."""
    try:
        yield
    except Exception:  # st.rerun and st.stop are not Exceptions: they pass through
        traceback.print_exc()
        st.error(PAGE_FAILED, icon=":material/error:")


def show_error(exc: WorkshopError) -> None:
    """A plain-English message; it may repeat what someone typed, so that is shown as
    typed (its lines kept: a rejected import lists one problem a line)."""
    st.error(markdown_text(str(exc)), icon=":material/error:")


def follow_presenter(join_code: str, version: int, delegate_token: str | None = None,
                     question: str | None = None) -> None:
    """Re-run this page when the facilitator moves on (workshop/front.py, follow.py).
    With a delegate's token, the browser also keeps it in the workshop's cookie, so the
    join link opened again on this phone brings back the same delegate. A new `question`
    (what the phone shows) scrolls the page back to its top."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""
    remember = None if not delegate_token else {
        "name": devices.delegate_cookie(join_code), "value": delegate_token,
        "max_age": devices.DELEGATE_COOKIE_SECONDS}
    name = follow.follow_name(join_code)
    _follow(url=f"{prefix}/app/static/live/{name}.json",
            live_url=f"{prefix}{follow.LIVE_PREFIX}{name}", version=version,
            interval_ms=follow.POLL_SECONDS * 1000, remember=remember, question=question,
            key="follow",
            default=version)


def remembered_token(join_code: str) -> str | None:
    """The delegate token this browser kept for the workshop (see follow_presenter), as
    sent when the page was opened."""
    return _text(st.context.cookies.get(devices.delegate_cookie(join_code)))


def device_address() -> str:
    """This browser's address (workshop/devices.py). Streamlit gives none for a
    connection from this computer, as the front door's are: loopback."""
    return devices.app_device_address(_text(st.context.ip_address) or "127.0.0.1",
                                      _text(st.context.headers.get("X-Forwarded-For")))


def _text(value) -> str | None:
    """A value from the browser's request, if it is text (a page run with no browser,
    as in tests, has none)."""
    return value if isinstance(value, str) else None


def find_workshop(code: str, token: str | None = None) -> dict:
    """The workshop a code (typed, or in the link) names. Wrong codes count against this
    device's address; a code this session has found before is not counted again."""
    if code in st.session_state.get("codes_found", ()):
        return workshops().by_join_code(code)
    found = workshops().find_by_code(code, device_address(), token)
    st.session_state["codes_found"] = [*st.session_state.get("codes_found", ()), code]
    return found


def chart(fig, description: str, table, key: str, box: ChartBox | None = None) -> None:
    """A chart with its sentence. The sentence names options, themes and ideas people
    typed: it is shown as plain text. In the console it is above the chart and the data
    table one click away. On the projector (a `box`) nothing can be clicked: the chart is
    a still picture and its sentence, the text alternative, is written under it."""
    # theme=None keeps the chart's own large, high-contrast fonts and palette.
    if box is None:
        st.markdown(inline_markdown(description))
        st.plotly_chart(fig, width="stretch", key=key, theme=None,
                        config={"displayModeBar": False})
        with st.expander("Show the numbers as a table"):
            st.dataframe(table, hide_index=True, width="stretch")
        return
    st.plotly_chart(fig, width="stretch", key=key, theme=None,
                    config={"displayModeBar": False, "staticPlot": True})
    st.markdown(f"<p class='proj-sentence'>{inline_html(description)}</p>",
                unsafe_allow_html=True, anchors=False)


def question_charts(ws: Workshops, snapshot, question, box: ChartBox | None = None,
                    key: str = "", facilitator: bool = False, now: float = 0) -> None:
    """The live charts for one question, with text alternatives. The facilitator also gets
    a role selector for rating matrices and the reasons and judges' comments. On the
    projector (a `box`): one chart that fits the box, long ones turning pages at `now`."""
    from workshop.analysis import summarise_comments, summarise_poll
    if question.kind in FORMAT_CHARTS:
        FORMAT_CHARTS[question.kind](snapshot, question, box, key, facilitator, now)
    elif question.kind == "comment":
        s = summarise_comments(snapshot, question.id)
        if not s.n_comments:
            st.info("No comments yet.")
            return
        chart(charts.theme_chart(s, box or False), charts.describe_comments(s),
              charts.theme_table(s), f"{key}themes", box)
        if box:
            return
        _pooled_note(s.grouping)
        kinds = {}
        for k, _, n in s.kind_rows:
            kinds[k] = kinds.get(k, 0) + n
        st.plotly_chart(charts.kind_chart(s), width="stretch", theme=None,
                        key=f"{key}kinds", config={"displayModeBar": False})
        st.caption(" · ".join(f"{k}: {n}" for k, n in sorted(kinds.items())))
    else:
        p = summarise_poll(snapshot, question.id)
        if not p.n_people:
            st.info("No answers yet.")
            return
        chart(charts.poll_chart(p, question.kind, box or False), charts.describe_poll(p),
              charts.poll_table(p), f"{key}poll", box)
        _pooled_note(p.grouping, box)


# -- structured kinds ------------------------------------------------------------------
def _no_answers(text: str = "No answers yet.") -> None:
    st.info(text)


def _pooled_note(grouping, box: ChartBox | None = None) -> None:
    """Which roles are shown together, in the console (on the projector the key says
    "Smaller groups combined")."""
    if grouping.note and box is None:
        st.caption(inline_markdown(grouping.note))


def _order_charts(snapshot, question, box, key, facilitator, now) -> None:
    from workshop.results import points_result, ranking_result
    r = (ranking_result if question.kind == "ranking" else points_result)(snapshot, question.id)
    if not r.n_people:
        return _no_answers()
    chart(charts.order_chart(r, question.kind, box or False),
          charts.describe_order(r, question.kind), charts.order_table(r, question.kind),
          f"{key}order", box)
    _pooled_note(r.grouping, box)


def _scoring_charts(snapshot, question, box, key, facilitator, now) -> None:
    from workshop.results import scoring_result
    r = scoring_result(snapshot, question.id)
    if not r.n_judges:
        return _no_answers("No scores yet.")
    chart(charts.scoring_chart(r, box or False), charts.describe_scoring(r),
          charts.scoring_table(r), f"{key}scores", box)
    notes = [(e.title, role, note) for e in r.entries for role, note in e.notes]
    if facilitator and notes:
        with st.expander(f"Judges' comments ({len(notes)})"):
            st.dataframe([{"Entry": t, "Judge's role": role, "Comment": n}
                          for t, role, n in notes], hide_index=True, width="stretch")


def _rating_charts(snapshot, question, box, key, facilitator, now) -> None:
    from workshop.results import EVERYONE, rating_result
    r = rating_result(snapshot, question.id)
    if not r.n_groups:
        return _no_answers("No ratings yet.")
    group = EVERYONE
    if facilitator:
        group = st.selectbox("Show ratings from", [EVERYONE, *r.grouping.order],
                             key=f"{key}rating_group_{question.id}",
                             help="The projector always shows everyone.")
    chart(charts.rating_heatmap(r, question.options, question.dimensions, group, box or False,
                                now),
          charts.describe_rating(r, question.options, question.dimensions, group),
          charts.rating_table(r, question.options, question.dimensions, group),
          f"{key}rating", box)
    _pooled_note(r.grouping, box)
    if facilitator:
        with st.expander(f"Reasons given ({len(r.reasons)})"):
            if r.reasons:
                st.dataframe([{"Option": o, "Role": role, "Reason": text}
                              for o, role, text in r.reasons], hide_index=True,
                             width="stretch")
            else:
                st.write("No reasons given yet.")


def _sort_charts(snapshot, question, box, key, facilitator, now) -> None:
    from workshop.results import sort_result
    r = sort_result(snapshot, question.id)
    revealed = question.id in (snapshot.workshop.get("revealed") or ())
    if not r.n_people:
        return _no_answers()
    if revealed and not box:
        st.markdown("**The answers have been revealed.**")
    chart(charts.sort_chart(r, question.categories, revealed, box or False, now),
          charts.describe_sort(r, revealed),
          charts.sort_table(r, question.categories, revealed), f"{key}sort", box)
    _pooled_note(r.grouping, box)


def _board_charts(snapshot, question, box, key, facilitator, now) -> None:
    from workshop.results import board_result
    r = board_result(snapshot, question.id)
    if not r.ideas:
        return _no_answers("No ideas yet.")
    chart(charts.board_chart(r, question.tags, box or False), charts.describe_board(r),
          charts.board_table(r), f"{key}board", box)
    if question.tags and not box:
        st.markdown("#### Top ideas by tag")
        for col, tag in zip(st.columns(len(question.tags)), question.tags):
            top = r.top(tag, 3)
            col.markdown(f"**{inline_markdown(tag)}**\n\n" + ("\n".join(
                f"{n}. {inline_markdown(i.text)} – **{counted(i.votes, 'vote')}**"
                for n, i in enumerate(top, start=1)) or "No ideas yet."))


FORMAT_CHARTS = {"ranking": _order_charts, "points": _order_charts,
                 "scoring_matrix": _scoring_charts, "rating_matrix": _rating_charts,
                 "card_sort": _sort_charts, "idea_board": _board_charts}
