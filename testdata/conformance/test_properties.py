"""Identities that hold for every n, checked over ranges that include negatives."""

RANGE = range(-120, 121)


def test_cassini(api):
    for n in RANGE:
        assert api.fib(n - 1) * api.fib(n + 1) - api.fib(n) ** 2 == (-1) ** (n % 2), n


def test_addition_formula(api):
    for m in range(-30, 31, 7):
        for n in range(-30, 31, 5):
            expected = api.fib(m) * api.fib(n + 1) + api.fib(m - 1) * api.fib(n)
            assert api.fib(m + n) == expected, (m, n)


def test_lucas_from_neighbours(api):
    for n in RANGE:
        assert api.lucas(n) == api.fib(n - 1) + api.fib(n + 1), n


def test_iterative_agrees_with_doubling(api):
    for n in (0, 1, 2, 3, 500, 4097, 20_000):
        assert api.fib_iterative(n) == api.fib(n), n


def test_fib_mod_agrees_with_big_integers(api):
    for n in (0, 1, 2, 1000, 12_345):
        for m in (1, 2, 10, 97, 2**32 + 15, 2**64 - 59):
            assert api.fib_mod(n, m) == api.fib(n) % m, (n, m)


def test_d_ocagne(api):
    for m in range(-20, 21, 3):
        for n in range(-20, 21, 4):
            left = api.fib(m) * api.fib(n + 1) - api.fib(m + 1) * api.fib(n)
            assert left == (-1) ** (n % 2) * api.fib(m - n), (m, n)
