import json
import types
from pathlib import Path

import fib_python
import pytest

import webapp_worker.runner as runner
from webapp_worker import FibResult, describe, run

VECTORS = json.loads((Path(__file__).parents[2] / "testdata" / "fibonacci.json").read_text())


def messages_of(n, impls, algorithms):
    return list(run({"n": n, "impls": impls, "algorithms": algorithms}))


def test_describe_names_what_is_installed():
    ready = describe()
    assert ready["type"] == "ready"
    assert "python" in ready["implementations"]
    assert set(ready["implementations"]) | set(ready["missing"]) == {"python", "native"}
    # The web app's limit for fib; the packages' own for the naive loop.
    assert ready["max_n"] == 10_000_000
    assert ready["max_iterative_n"] == fib_python.MAX_ITERATIVE_N == 1_000_000


# The naive loop is slow past this; the large vectors beyond it run with fib only.
ITERATIVE_TEST_LIMIT = 100_000


def algorithms_for(n):
    return ["fib", "fib_iterative"] if 0 <= n <= ITERATIVE_TEST_LIMIT else ["fib"]


def results_of(n, impl):
    results = [m for m in messages_of(n, [impl], algorithms_for(n)) if m["type"] == "result"]
    assert [(r["implementation"], r["algorithm"], r["n"]) for r in results] == [
        (impl, algorithm, n) for algorithm in algorithms_for(n)]
    for result in results:
        assert isinstance(result["seconds"], float) and result["seconds"] >= 0
        assert result["runs"] >= 3
        assert set(result) == {"type", *FibResult.__dataclass_fields__}
    return results


@pytest.mark.parametrize("vector", VECTORS["fib"], ids=lambda v: f"n={v['n']}")
def test_small_results_match_the_vectors(impl, vector):
    for result in results_of(vector["n"], impl):
        digits = vector["value"].lstrip("-")
        assert result["digits"] == len(digits)
        assert result["leading"] == digits[:20]
        assert result["trailing"] == digits[-20:]
        assert result["negative"] == vector["value"].startswith("-")


@pytest.mark.parametrize("vector", VECTORS["fib_large"], ids=lambda v: f"n={v['n']}")
def test_large_results_match_the_vectors(impl, vector):
    assert VECTORS["edge_digits"] == 20
    for result in results_of(vector["n"], impl):
        assert result["digits"] == vector["digits"]
        assert result["leading"] == vector["leading"]
        assert result["trailing"] == vector["trailing"]
        assert result["negative"] == (vector["sign"] < 0)


def test_negative_n_gives_signed_fibonacci(impl):
    [result] = [m for m in messages_of(-8, [impl], ["fib"]) if m["type"] == "result"]
    assert (result["negative"], result["leading"], result["digits"]) == (True, "21", 2)


def test_messages_come_in_order(impl):
    messages = messages_of("25", [impl], ["fib", "fib_iterative"])
    assert [m["type"] for m in messages] == [
        "accepted", "progress", "result", "progress", "result", "done"]
    assert messages[0] == {"type": "accepted", "n": 25, "impls": [impl],
                           "algorithms": ["fib", "fib_iterative"], "steps": 2}
    assert [m["step"] for m in messages if m["type"] == "progress"] == [1, 2]
    assert messages[-1] == {"type": "done", "n": 25, "steps": 2}


def test_messages_hold_only_plain_values(impl):
    # The JS glue converts them with to_js: only str, int, float, bool, None, list, dict.
    plain = (str, int, float, bool, type(None))
    for message in messages_of(30, [impl], ["fib"]):
        for value in message.values():
            items = value if isinstance(value, list) else [value]
            assert all(isinstance(item, plain) for item in items)


def test_bad_input_is_one_error_message():
    assert messages_of("", ["python"], ["fib"]) == [
        {"type": "error", "message": "Enter n, a whole number such as 100000."}]
    [error] = messages_of(-5, ["python"], ["fib_iterative"])
    assert error == {"type": "error", "message": "The naive loop (fib_iterative) needs n >= 0."}


def fake_implementation(value=55):
    return types.SimpleNamespace(__version__="0", fib=lambda n: value, fib_iterative=lambda n: value,
                                 MAX_N=10**9, MAX_ITERATIVE_N=10**6)


def test_a_failing_implementation_becomes_an_error_message(monkeypatch):
    def out_of_memory(n):
        raise MemoryError

    module = fake_implementation()
    module.fib = out_of_memory
    monkeypatch.setattr(runner, "load_implementations", lambda: {"python": module})
    messages = messages_of(10, ["python"], ["fib"])
    assert messages[-1] == {"type": "error", "message": "python fib(10) failed: MemoryError()"}


def test_implementations_that_disagree_are_reported(monkeypatch):
    monkeypatch.setattr(runner, "load_implementations",
                        lambda: {"python": fake_implementation(55), "native": fake_implementation(56)})
    messages = messages_of(10, ["python", "native"], ["fib"])
    assert messages[-1] == {"type": "error", "message": "native fib(10) disagrees with python fib(10)."}


def test_each_run_computes_once_to_warm_up_then_times_repeated_runs(monkeypatch):
    calls = []
    module = fake_implementation()
    module.fib = lambda n: calls.append(n) or 55
    monkeypatch.setattr(runner, "load_implementations", lambda: {"python": module})
    [result] = [m for m in messages_of(10, ["python"], ["fib"]) if m["type"] == "result"]
    # One warm-up call, whose value the summary describes, then the timed runs.
    assert len(calls) == 1 + result["runs"]
    assert result["runs"] >= 3
