"""Charts drawn on the server, shown several at once as one block (pages/shared/picture_grid.py)."""

import base64
import re

import pandas as pd

from pages.shared.picture_grid import Picture, frame_table, grid_html, one_html
from workshop.outputs.html import table_html

SVG = '<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>T</title></svg>'


def test_each_picture_has_its_heading_sentence_description_and_numbers():
    table = pd.DataFrame({"Theme": ["Trust", "Price"], "Commissioner": [2, 1], "All": [5, 3]})
    html = grid_html([Picture("North East", "8 comments from 6 people.", SVG,
                              "Themes raised, by role", table),
                      Picture("London", "")])
    north, london = html.split("<section>")[1:]
    assert "<h3>North East</h3>" in north and "<p>8 comments from 6 people.</p>" in north
    src, alt = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"',
                         north).groups()
    assert base64.b64decode(src).decode() == SVG
    assert alt == "Chart: Themes raised, by role. 8 comments from 6 people."
    assert "<summary>Show the numbers as a table</summary>" in north
    assert ('<tr><th scope="row">Trust</th><td class="short">2</td><td class="short">5</td>'
            '</tr>') in north
    # A region with no answers says so, with no picture and no table.
    assert "<h3>London</h3><p>No answers yet.</p></section>" in london
    assert "<img" not in london and "<table" not in london


def test_typed_words_are_shown_as_typed_never_as_markup():
    table = pd.DataFrame({"Theme": ['<script>alert("x")</script>'], "All": [1]})
    html = grid_html([Picture('Region "<b>"', 'Said <img src=x onerror=1> & more', SVG,
                              'A "title"', table)])
    assert "<script" not in html and "<b>" not in html and "onerror=1>" not in html
    assert 'alt="Chart: A &quot;title&quot;. Said &lt;img src=x onerror=1&gt; &amp; more"' in html


def test_a_table_with_a_named_index_keeps_it_as_its_row_headers():
    counts = pd.DataFrame({"North": [3, 0], "All regions": [4, 1]},
                          index=pd.Index(["Trust", "Price"], name="Theme"))
    html = table_html(frame_table(counts))
    assert ('<thead><tr><th scope="col">Theme</th><th scope="col">North</th>'
            '<th scope="col">All regions</th></tr></thead>') in html
    assert ('<tr><th scope="row">Price</th><td class="short">0</td><td class="short">1</td>'
            '</tr>') in html
    wide = one_html(SVG, "Chart: heat.", counts)
    assert 'style="width:100%"' in wide and wide.count("<table>") == 1
