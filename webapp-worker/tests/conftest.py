"""The implementations this Python has, as a fixture."""

import pytest

from webapp_worker import available_implementations


@pytest.fixture(params=["python", "native"])
def impl(request) -> str:
    """Each implementation; the native one only where fib_pybind is importable."""
    if request.param not in available_implementations():
        pytest.skip(f"{request.param} implementation not importable here")
    return request.param
