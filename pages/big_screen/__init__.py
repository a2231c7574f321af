"""The projector, in parts: its layout to fit the window (layout.py) and the regions
that bring themselves up to date (regions.py).

These modules are not pages: Streamlit lists only the files directly in pages/."""
