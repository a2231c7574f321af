"""The plain-Python core of the workshop app: scenarios, live workshops, themes, analysis,
report and command line. Never imports streamlit."""
