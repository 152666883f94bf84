"""The messages the worker posts to the page, by kind. The page's static/worker-messages.js
names the same kinds (and those only JavaScript makes: loading, fatal); a backend test checks
that the two lists agree."""

from enum import StrEnum
from typing import TypedDict


class MessageKind(StrEnum):
    READY = "ready"
    ACCEPTED = "accepted"
    PROGRESS = "progress"
    RESULT = "result"
    DONE = "done"
    ERROR = "error"


class ReadyMessage(TypedDict):
    type: str
    implementations: dict[str, str]
    missing: list[str]
    max_n: int
    max_iterative_n: int
    timing_budget_seconds: float
    min_runs: int


class AcceptedMessage(TypedDict):
    type: str
    n: int
    impls: list[str]
    algorithms: list[str]
    steps: int


class ProgressMessage(TypedDict):
    type: str
    step: int
    steps: int
    message: str


class DoneMessage(TypedDict):
    type: str
    n: int
    steps: int


class ErrorMessage(TypedDict):
    type: str
    message: str


# A "result" message is a contract.FibResult as a dict, plus its "type".
Message = ReadyMessage | AcceptedMessage | ProgressMessage | DoneMessage | ErrorMessage | dict[str, object]


def error(message: str) -> ErrorMessage:
    return {"type": MessageKind.ERROR.value, "message": message}
