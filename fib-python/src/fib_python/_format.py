"""F(n) as text without CPython's int-to-str limit or its quadratic conversion.

CPython 3.11 refuses str() of ints past 4,300 digits by default, and its conversion is quadratic
(and so is Decimal(int)). Splitting the binary value in halves and recombining with the decimal
module, whose multiplication is subquadratic, gives exact decimal text in far less time.
"""

from __future__ import annotations

import decimal
from functools import lru_cache

from ._doubling import fib
from ._validation import check_base, check_signed_n

# Below this many bits a direct Decimal(int) conversion is fast and within CPython's limit.
_DIRECT_BITS = 8192

_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN)
_EXACT.traps[decimal.Inexact] = True  # an inexact step would be a bug: fail loudly


# Bounded: a long-running server converting many different sizes must not keep every power.
@lru_cache(maxsize=64)
def _power_of_two(bits: int) -> decimal.Decimal:
    return _EXACT.power(decimal.Decimal(2), bits)


def _to_decimal(value: int) -> decimal.Decimal:
    """value >= 0 as an exact Decimal."""
    bits = value.bit_length()
    if bits <= _DIRECT_BITS:
        return decimal.Decimal(value)
    # Split on a multiple of _DIRECT_BITS so the powers of two are shared between calls.
    shift = max(_DIRECT_BITS, bits // 2 // _DIRECT_BITS * _DIRECT_BITS)
    high = _to_decimal(value >> shift)
    low = _to_decimal(value & ((1 << shift) - 1))
    return _EXACT.add(_EXACT.multiply(high, _power_of_two(shift)), low)


def to_text(value: int, base: int = 10) -> str:
    """Decimal or lowercase hex, no prefix, '-' for negatives."""
    base = check_base(base)
    if base == 16:
        return format(value, "x")  # linear, and exempt from the digit limit
    magnitude = _to_decimal(abs(value)).to_eng_string(context=_EXACT)
    return "-" + magnitude if value < 0 else magnitude


def fib_str(n: int, base: int = 10) -> str:
    """F(n) as text in base 10 or 16."""
    n = check_signed_n("fib_str", n)  # n first, then base: the order fib_pybind checks them in
    base = check_base(base)
    return to_text(fib(n), base)
