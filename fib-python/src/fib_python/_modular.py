"""F(n) mod m by fast doubling on residues: O(log n) small multiplies, no Pisano period."""

from __future__ import annotations

from ._validation import check_fib_mod_args


def fib_mod(n: int, m: int) -> int:
    """F(n) mod m for 0 <= n <= 2**64 - 1 and 1 <= m <= 2**64 - 1."""
    n, m = check_fib_mod_args(n, m)
    # (a, b) = (F(j), F(j+1)) mod m: F(2j) = F(j)(2F(j+1) - F(j)), F(2j+1) = F(j)^2 + F(j+1)^2
    a, b = 0, 1 % m
    for bit in bin(n)[2:]:
        even = a * (2 * b - a) % m
        odd = (a * a + b * b) % m
        a, b = (odd, (even + odd) % m) if bit == "1" else (even, odd)
    return a
