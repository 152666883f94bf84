"""The implementations this Python has, as a fixture."""

import pytest

from webapp_worker import load_implementations


@pytest.fixture(params=["python", "native"])
def impl(request) -> str:
    """Each implementation. Both are installed in the test environment (the nox session webapp_tests):
    a missing one is a broken build, never a reason to skip."""
    if request.param not in load_implementations():
        pytest.fail(f"{request.param} implementation not importable here")
    return request.param
