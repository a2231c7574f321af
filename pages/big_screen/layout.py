"""The projector's layout: the window's size, as the browser reports it, and the page
as fixed regions of that window (the sizes are worked out in workshop/screen.py)."""

from __future__ import annotations

import streamlit as st

from workshop import screen

# The window's size decides every size on the page, and only the browser knows it
# (st.context has no viewport). This script reports it, and again after a resize, as the
# component's state: the page then re-runs laid out for it. Why not CSS alone: the chart
# is drawn by plotly at sizes chosen here (its text in pixels, and how many rows fit),
# so Python must know the pixels; a `?screen=720` setting would be one more thing for the
# facilitator to get right on a projector they have never seen.
VIEWPORT_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  const report = () => {
    const size = [window.innerWidth, window.innerHeight];
    if (!data || data[0] !== size[0] || data[1] !== size[1]) setStateValue("size", size);
  };
  let timer = null;
  const later = () => { clearTimeout(timer); timer = setTimeout(report, 300); };
  window.addEventListener("resize", later);
  report();
  const projector = window.location.pathname;
  return () => {
    clearTimeout(timer);
    window.removeEventListener("resize", later);
    // Streamlit's page in the browser can fail to apply an update that arrives while the
    // page is being laid out again, and is then left blank. A projector must not stay
    // blank: if this page is still the projector and nothing of it is drawn, load it again.
    setTimeout(() => {
      if (window.location.pathname === projector &&
          !document.querySelector(".st-key-proj_viewport")) window.location.reload();
    }, 2000);
  };
}
"""
_viewport = st.components.v2.component("projector_viewport", js=VIEWPORT_JS)


def window() -> screen.Screen:
    """The projector window, as its browser reported it (the design size until then)."""
    size = st.session_state.get("proj_size")
    reported = _viewport(key="proj_viewport", data=size, default={"size": size},
                         on_size_change=lambda: None).size
    st.session_state.proj_size = reported
    return screen.Screen.of(reported)


def styles(lay: screen.Layout) -> None:
    """The page as fixed regions of the window: Streamlit's header, toolbar and padding
    are hidden on this page only, and every region has a height it never grows past."""
    s, c = lay.screen, lay.chart
    st.html(f"""<style>
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
.st-key-proj_viewport {{ display: none !important; }}
[data-testid="stMain"] {{ overflow: hidden !important; }}
[data-testid="stMainBlockContainer"] {{ padding: {lay.pad_y}px {lay.pad_x}px !important;
  max-width: none !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: 0 !important; }}
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] {{
  gap: {lay.gap}px !important; flex-wrap: nowrap !important; }}
.st-key-proj_page > div > [data-testid="stHorizontalBlock"] > [data-testid="stColumn"]:last-child {{
  flex: 0 0 {lay.side_width}px !important; width: {lay.side_width}px !important; }}
.st-key-proj_page [data-testid="stColumn"] {{ min-width: 0 !important; }}
{_region("proj_head", lay.header_height + lay.gap)}
{_region("proj_chart", c.height + lay.sentence_height + s.px(8))}
{_region("proj_wall", lay.wall_height)}
{_region("proj_join", s.height - 2 * lay.pad_y)}
.proj-card {{ font-size: {lay.card_font}px !important; line-height: {screen.LINE} !important;
  margin: 0 0 {s.px(6)}px !important; padding: 0 !important; color: #505a5f;
  font-weight: 600 !important; }}
.proj-timer {{ background: #ffdd00; color: #0b0c0c; font-weight: 700;
  padding: 0 {s.px(8)}px; }}
.proj-prompt {{ font-size: {lay.prompt_font}px !important; line-height: 1.2 !important;
  margin: 0 0 {s.px(10)}px !important; padding: 0 !important; font-weight: 700 !important; }}
.proj-text, .proj-sentence, .proj-wall li, .proj-join p, .proj-join li {{
  font-size: {lay.text_font}px !important; line-height: {screen.LINE} !important;
  margin: 0 !important; }}
.proj-text, .proj-sentence {{ display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: 2; overflow: hidden; }}
.proj-sentence {{ margin-top: {s.px(8)}px !important; }}
.proj-wall h2, .proj-join h2 {{ font-size: {lay.text_font}px !important; line-height: {screen.LINE};
  margin: 0 0 {s.px(12)}px !important; padding: 0 !important; font-weight: 700; }}
.proj-wall ul, .proj-join ul {{ list-style: none; margin: 0; padding: 0; }}
.proj-wall li {{ border-left: {s.px(6)}px solid #1d70b8;
  padding: {s.px(6)}px 0 {s.px(6)}px {s.px(12)}px;
  margin: 0 0 {s.px(14)}px !important; }}
.proj-wall .said {{ display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: {screen.COMMENT_LINES}; overflow: hidden; margin: 0; }}
.proj-wall .who {{ font-size: {lay.meta_font}px; color: #505a5f; margin: 0; }}
.proj-join img {{ width: {lay.qr}px; height: {lay.qr}px; display: block;
  margin-bottom: {s.px(8)}px; }}
.proj-join .url {{ overflow-wrap: anywhere; }}
.proj-join .code {{ font-size: {lay.code_font}px; font-weight: 700; letter-spacing: 0.12em;
  line-height: 1.2; display: block; margin-bottom: {s.px(18)}px; }}
.proj-join .status {{ background: #ffdd00; color: #0b0c0c; font-weight: 700;
  padding: {s.px(6)}px {s.px(10)}px; margin-bottom: {s.px(12)}px !important; }}
</style>""")


def _region(key: str, height: int) -> str:
    """CSS for a region of a fixed height (a Streamlit container sizes itself to its
    content otherwise). What would not fit is cut off rather than scrolled."""
    return (f".st-key-{key} {{ height: {height}px !important; min-height: {height}px "
            f"!important; max-height: {height}px !important; flex: 0 0 auto !important; "
            "overflow: hidden; }")
