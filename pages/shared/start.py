"""One app process: Streamlit serving workshop_app.py, started warm.

`python -m workshop serve` starts each app process as `python -m pages.shared.start
[--phones] [streamlit run options]`. As Streamlit starts, this imports the libraries and
the workshop modules the app's pages use (most of a second), opens the app's workshops (the
store and the packs) and, in a process that serves the facilitator's screens (any started
without `--phones`), reads each programme's regions and works out what its page shows
first, so the first page opened on a server just started does not wait for them
(bench/programme_page.py). The theming model is loaded in the background as the workshops
are opened (pages/shared/workshops.py). Once all that is done (or has failed: a page then
does it again and shows its error), the process touches the file `workshop serve` named
in WORKSHOP_READY_FILE, and `workshop serve` lets visitors in only when every app process
has (workshop/serve.py).

Not a page: opened by its address, it shows only that there is nothing here.
"""

from __future__ import annotations

import ast
import importlib
import os
import sys
import threading
import time
import traceback
from pathlib import Path

from workshop.serve import READY_FILE_ENV

ROOT = Path(__file__).resolve().parents[2]
APP = "workshop_app.py"
# The longest an app process spends loading the theming model before it says it is ready
# anyway (it goes on loading; the first comment waits for it).
WARM_SECONDS = 60


def page_modules() -> list[str]:
    """The modules the app's entry script and its pages import at their top, in the order
    they name them (the pages themselves are scripts: Streamlit runs them; what a page
    imports only when it is needed stays so)."""
    names: list[str] = []
    for path in [ROOT / APP, *sorted((ROOT / "pages").glob("*.py"))]:
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.append(node.module)
                names += [f"{node.module}.{alias.name}" for alias in node.names]
    return list(dict.fromkeys(names))


def _import(name: str) -> None:
    """Import a module; a name that is no module (`from x import a_function`) is left."""
    parent, _, last = name.rpartition(".")
    if parent and hasattr(sys.modules.get(parent), last) \
            and not isinstance(getattr(sys.modules[parent], last), type(sys)):
        return
    try:
        importlib.import_module(name)
    except ModuleNotFoundError:
        pass


def warm_modules() -> None:
    """Import what the pages use that is not Streamlit's (pandas, plotly, the workshop
    package): most of a first page's imports. The pages' own modules are left to the first
    page: some register what they declare (pages/shared/follow.py's component) only when
    imported by a page's run, and they take a tenth of a second."""
    for name in page_modules():
        if not (name == "streamlit" or name.startswith(("streamlit.", "pages"))):
            _import(name)
    for name in ("pandas", "plotly.graph_objects"):
        _import(name)


def warm_app(facilitator: bool) -> None:
    """Once Streamlit has started (its settings read): open the workshops, load the
    theming model and, in the facilitator's process, the programmes. A first visitor's
    page meanwhile waits only for what it needs that is not ready yet (the caches' own
    locks), never working anything out twice."""
    from streamlit import runtime
    while not runtime.exists():
        time.sleep(0.02)
    from pages.shared.workshops import opened, warmed
    ws = opened()
    if facilitator:
        from workshop.programme_cache import warm_programmes
        from workshop.programmes import Programmes
        warm_programmes(Programmes(ws))
    warmed.wait(WARM_SECONDS)


def _head_start(job, *args) -> None:
    """Only ever a head start: whatever fails here is done again (and its error shown)
    when a page needs it."""
    try:
        job(*args)
    except Exception:  # noqa: BLE001
        traceback.print_exc()


def _warm_then_ready(facilitator: bool) -> None:
    """Warm the app, then say so to `workshop serve` (workshop/serve.py), which lets
    visitors in once every app process is ready: the first page opened on a server just
    started then waits for none of this."""
    try:
        _head_start(warm_app, facilitator)
    finally:
        ready = os.environ.get(READY_FILE_ENV)
        if ready:
            Path(ready).touch()


def main(argv: list[str]) -> int:
    facilitator = "--phones" not in argv
    _head_start(warm_modules)
    threading.Thread(target=_warm_then_ready, args=(facilitator,), name="warm-app",
                     daemon=True).start()
    from streamlit.web import cli
    sys.argv = ["streamlit", "run", str(ROOT / APP), *[a for a in argv if a != "--phones"]]
    return cli.main(prog_name="streamlit")


if __name__ == "__main__":
    from streamlit import runtime
    if runtime.exists():  # opened as a page by its address: not one
        from pages.shared.errors import not_a_page
        not_a_page(__name__)
    else:
        sys.exit(main(sys.argv[1:]))
