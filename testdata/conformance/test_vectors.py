"""Every implementation reproduces the shared vectors exactly."""

import hashlib

import pytest


def test_fib_small_and_negative(api, vectors):
    for case in vectors["fib"]:
        assert api.fib(case["n"]) == int(case["value"]), case["n"]


def test_fib_large_by_digits_edges_and_hash(api, vectors):
    edge = vectors["edge_digits"]
    for case in vectors["fib_large"]:
        value = api.fib(case["n"])
        magnitude = abs(value)
        assert (value < 0) == (case["sign"] < 0)
        assert magnitude.bit_length() == case["bits"]
        raw = magnitude.to_bytes((magnitude.bit_length() + 7) // 8, "big")
        assert hashlib.sha256(raw).hexdigest() == case["sha256"]
        text = api.fib_str(case["n"]).lstrip("-")
        assert len(text) == case["digits"]
        assert text[:edge] == case["leading"]
        assert text[-edge:] == case["trailing"]


def test_fib_iterative_matches_vectors(api, vectors):
    for case in vectors["fib"]:
        if case["n"] >= 0:
            assert api.fib_iterative(case["n"]) == int(case["value"]), case["n"]


def test_lucas(api, vectors):
    for case in vectors["lucas"]:
        assert api.lucas(case["n"]) == int(case["value"]), case["n"]


def test_fib_mod(api, vectors):
    for case in vectors["fib_mod"]:
        assert api.fib_mod(case["n"], case["m"]) == case["value"], case


def test_fib_str_hex(api, vectors):
    for case in vectors["fib_hex"]:
        assert api.fib_str(case["n"], 16) == case["value"]
        assert api.fib_str(case["n"], base=16) == case["value"]


@pytest.mark.parametrize("n", [-300, -1, 0, 1, 2, 99, 300])
def test_fib_str_decimal_small(api, n):
    assert api.fib_str(n) == str(api.fib(n))


def test_limits_are_published(api, vectors):
    assert api.MAX_N == vectors["max_n"]
    assert api.MAX_ITERATIVE_N == vectors["max_iterative_n"]
    assert isinstance(api.__version__, str)
