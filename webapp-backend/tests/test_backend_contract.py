"""The page's JavaScript and the Python worker speak the same messages, and the API answers
the worker's result schema."""

import re

from webapp_backend.app import STATIC_DIR
from webapp_worker import FibResult, MessageKind

MESSAGES_JS = (STATIC_DIR / "worker-messages.js").read_text()


def test_the_pages_message_kinds_are_pythons_plus_its_own():
    kinds = dict(re.findall(r'^  ([A-Z_]+): "([a-z_]+)",$', MESSAGES_JS, re.MULTILINE))
    assert {kind.name: kind.value for kind in MessageKind}.items() <= kinds.items()
    # Only JavaScript sends these: the page's run request, the loader's progress and failure.
    assert kinds.keys() - MessageKind.__members__.keys() == {"RUN", "LOADING", "FATAL"}


def test_the_pages_result_type_has_the_schemas_fields():
    [typedef] = re.findall(r"@typedef \{\{([^{}]*)\}\} FibResult", MESSAGES_JS)
    fields = re.findall(r"(\w+):", typedef)
    assert fields == list(FibResult.__dataclass_fields__)


def test_the_api_answers_the_same_schema_plus_format_and_value(server):
    body = server.request("/api/fib/10?impl=python").json()
    assert list(body) == [*FibResult.__dataclass_fields__, "format", "value"]
