"""What every page shares: the app's workshops, the facilitator check, the follow
component, styles, plain errors and charts. Rendering helpers only; the rules are in
workshop/.

These modules are not pages: Streamlit lists only the files directly in pages/."""
