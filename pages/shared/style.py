"""How the pages look: visible focus, readable captions and headings, and on the
delegate's phone, big touch targets."""

from __future__ import annotations

import streamlit as st

from pages.shared.follow import FRAME_TITLE

# Visible focus on every control (WCAG 2.4.7 / 2.4.11) and big touch targets on phones.
CSS = """
<style>
/* The page-language hook (pages/shared/language.py) and the cookie keepers
   (pages/shared/browser.py) show nothing. */
.st-key-page_language, [class*="st-key-keep_cookie_"] { display: none !important; }
/* GOV.UK-style focus: yellow ring with a black edge, on the control or, for radios and
   checkboxes whose input is visually hidden, on their label. */
:focus-visible, label:has(input:focus-visible) {
  outline: 3px solid #ffdd00 !important; outline-offset: 0 !important;
  box-shadow: 0 0 0 6px #0b0c0c !important; }
.stButton button, .stFormSubmitButton button, .stDownloadButton button { min-height: 44px; }
/* A label too long for its button wraps: Streamlit would cut it off with "...". */
.stDownloadButton button .stMarkdownEllipsis, .stDownloadButton button .stMarkdownEllipsis p {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; }
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
iframe[title="FRAME_TITLE"] { display: block; }
</style>
""".replace("FRAME_TITLE", FRAME_TITLE)


def styles(phone: bool = False) -> None:
    st.html(CSS + (PHONE_CSS if phone else ""))
