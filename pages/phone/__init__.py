"""The delegate's phone, in parts by what the delegate does: join (join.py), answer the
current question (question.py) with a comment (comments.py), a poll (poll.py) or the form
of a structured kind (forms.py and one module per kind), while a countdown runs
(countdown.py).

These modules are not pages: Streamlit lists only the files directly in pages/."""
