"""The facilitator's console, in parts by what the facilitator does: run the room
(room.py, formats.py), moderate (feed.py, moderate.py), edit the themes (codebook.py),
bring in paper (paper.py), record decisions and agreed actions (records.py), create and
delete workshops (create.py, deletion.py), and choose the workshop (picker.py).

These modules are not pages: Streamlit lists only the files directly in pages/."""

# Seconds between refreshes of the console's live parts (answer count, charts, comments).
REFRESH_SECONDS = 3
