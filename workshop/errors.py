"""Everything that can go wrong in the workshop core, in one screen.

    WorkshopError                 base: a message a person can act on
    ├── PackError                 a scenario pack file is broken (names file, field, fix)
    ├── NotFound                  no such workshop / question / comment / delegate
    ├── InvalidInput              a delegate's or facilitator's input was refused
    │   └── ImportRejected        a CSV import was refused whole (nothing imported)
    ├── NotAccepting              the workshop or question is closed to answers
    ├── TooMany                   too many tries or posts in a short time: wait, then retry
    └── StoreError                the store could not read or write
        └── CorruptStore          a store file could not be read; it was kept aside

Pages and the command line catch WorkshopError and show its message; nothing that
was saved before the error is lost.
"""


class WorkshopError(Exception):
    """Base class: the message is written for the person who caused or can fix it.

    A message a delegate may see is given as its wording with named figures and the values
    for them, `InvalidInput("Each person has {votes} votes.", votes=3)`, so a phone in Welsh
    shows the Welsh wording (the "screens" catalogue) with the same figures."""

    def __init__(self, message: str = "", **params):
        super().__init__(message.format(**params) if params else message)
        self.template = message
        self.params = params


class PackError(WorkshopError):
    """A scenario pack is invalid."""


class NotFound(WorkshopError):
    """The thing asked for does not exist."""


class InvalidInput(WorkshopError):
    """Input was refused; nothing was changed."""


class ImportRejected(InvalidInput):
    """A whole import was refused; nothing was imported."""


class NotAccepting(WorkshopError):
    """The workshop or question is not open for answers."""


class TooMany(WorkshopError):
    """Too many attempts in a short time; `retry_after` says how many seconds to wait."""

    def __init__(self, message: str, retry_after: float, **params):
        super().__init__(message, **params)
        self.retry_after = retry_after


class StoreError(WorkshopError):
    """The store failed to read or write."""


class CorruptStore(StoreError):
    """A store file is unreadable; it has been copied aside and left untouched."""
