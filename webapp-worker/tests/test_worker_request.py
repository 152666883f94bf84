import pytest

import fib_pybind
import fib_python

from webapp_worker import RequestError, limits_for, parse_request

BOTH = {"python": fib_python, "native": fib_pybind}
MAX_N = limits_for(BOTH).max_n
MAX_ITERATIVE_N = limits_for(BOTH).max_iterative_n


def request(n=10, impls=("python",), algorithms=("fib",)):
    return {"n": n, "impls": list(impls), "algorithms": list(algorithms)}


def test_accepts_a_well_formed_request():
    parsed = parse_request(request(n=100000, impls=["native", "python"],
                                   algorithms=["fib", "fib_iterative"]), BOTH)
    assert parsed.n == 100000
    assert parsed.impls == ("native", "python")
    assert parsed.algorithms == ("fib", "fib_iterative")


@pytest.mark.parametrize("text, n", [("42", 42), (" 7 ", 7), ("+5", 5), ("-12", -12), ("0", 0)])
def test_reads_n_from_text(text, n):
    assert parse_request(request(n=text), BOTH).n == n


def test_reads_integral_js_numbers():
    assert parse_request(request(n=1e6), BOTH).n == 1_000_000


def test_drops_repeated_choices():
    parsed = parse_request(request(impls=["python", "python"], algorithms=["fib", "fib"]), BOTH)
    assert parsed.impls == ("python",)
    assert parsed.algorithms == ("fib",)


@pytest.mark.parametrize(
    "raw, message",
    [
        (request(n=""), "Enter n"),
        (request(n="   "), "Enter n"),
        (request(n=None), "whole number"),
        (request(n="abc"), "whole number"),
        (request(n="1.5"), "whole number"),
        (request(n="1e5"), "whole number"),
        (request(n="٣"), "whole number"),
        (request(n=2.5), "whole number"),
        (request(n=float("nan")), "whole number"),
        (request(n=True), "whole number"),
        (request(n="9" * 40), "too large"),
        (request(n=MAX_N + 1), "too large"),
        (request(n=-MAX_N - 1), "too large"),
        (request(n=-1, algorithms=["fib_iterative"]), "needs n >= 0"),
        (request(n=MAX_ITERATIVE_N + 1, algorithms=["fib_iterative"]), "too large"),
        (request(impls=[]), "at least one implementation"),
        ({"n": 1, "impls": "python", "algorithms": ["fib"]}, "at least one implementation"),
        (request(impls=["rust"]), "Unknown implementation 'rust'"),
        (request(algorithms=[]), "at least one algorithm"),
        (request(algorithms=["lucas"]), "Unknown algorithm 'lucas'"),
        ([1, 2, 3], "must be an object"),
    ],
)
def test_rejects_bad_input_with_a_clear_message(raw, message):
    with pytest.raises(RequestError, match=message):
        parse_request(raw, BOTH)


def test_negative_n_is_fine_for_fast_doubling():
    assert parse_request(request(n=-10, algorithms=["fib"]), BOTH).n == -10


def test_limits_are_inclusive():
    assert parse_request(request(n=MAX_N), BOTH).n == MAX_N
    assert parse_request(request(n=-MAX_N), BOTH).n == -MAX_N
    assert parse_request(request(n=MAX_ITERATIVE_N, algorithms=["fib_iterative"]), BOTH).n == MAX_ITERATIVE_N


def test_rejects_an_implementation_that_is_not_installed():
    with pytest.raises(RequestError, match="native implementation is not installed"):
        parse_request(request(impls=["native"]), {"python": fib_python})


def test_limits_come_from_the_packages_within_the_web_apps_own():
    assert limits_for(BOTH).max_n == 10_000_000 < fib_python.MAX_N
    assert limits_for(BOTH).max_iterative_n == fib_python.MAX_ITERATIVE_N
