import types

import pytest

import webapp_worker.runner as runner
from webapp_worker import describe, run

from conftest import reference_text


def messages_of(n, impls, algorithms):
    return list(run({"n": n, "impls": impls, "algorithms": algorithms}))


def test_describe_names_what_is_installed():
    ready = describe()
    assert ready["type"] == "ready"
    assert "python" in ready["implementations"]
    assert set(ready["implementations"]) | set(ready["missing"]) == {"python", "native"}
    assert ready["max_n"] == 10_000_000
    assert ready["max_iterative_n"] == 1_000_000


@pytest.mark.parametrize("n", [0, 1, 2, 10, 93, 94, 1000, 4784, 20000])
def test_results_describe_the_right_number(impl, n):
    text = reference_text(n)
    messages = messages_of(n, [impl], ["fib", "fib_iterative"])
    results = [m for m in messages if m["type"] == "result"]
    assert [(r["implementation"], r["algorithm"]) for r in results] == [
        (impl, "fib"), (impl, "fib_iterative")]
    for result in results:
        assert result["n"] == n
        assert result["digits"] == len(text)
        assert result["leading"] == text[:20]
        assert result["trailing"] == text[-20:]
        assert result["negative"] is False
        assert result["value"] == (text if len(text) <= 40 else None)
        assert isinstance(result["seconds"], float) and result["seconds"] >= 0


def test_negative_n_gives_signed_fibonacci(impl):
    [result] = [m for m in messages_of(-8, [impl], ["fib"]) if m["type"] == "result"]
    assert (result["negative"], result["value"], result["digits"]) == (True, "-21", 2)


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


def fake_implementation(**overrides):
    def fib(n):
        return 55

    module = types.SimpleNamespace(__version__="0", fib=fib, fib_iterative=fib,
                                   fib_str=lambda n, base=10: "55")
    for name, function in overrides.items():
        setattr(module, name, function)
    return module


def test_a_failing_implementation_becomes_an_error_message(monkeypatch):
    def out_of_memory(n):
        raise MemoryError

    monkeypatch.setattr(runner, "available_implementations",
                        lambda: {"python": fake_implementation(fib=out_of_memory)})
    messages = messages_of(10, ["python"], ["fib"])
    assert messages[-1] == {"type": "error", "message": "python fib(10) failed: MemoryError()"}


def test_a_value_that_disagrees_with_fib_str_is_reported(monkeypatch):
    monkeypatch.setattr(runner, "available_implementations",
                        lambda: {"python": fake_implementation(fib_str=lambda n, base=10: "56")})
    messages = messages_of(10, ["python"], ["fib"])
    assert messages[-1] == {"type": "error", "message": "python fib(10) disagrees with python fib_str."}
