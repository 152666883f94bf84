"""Describes a big number by its digit count and the digits at each end, without printing it.

Printing F(10**7) (2.1 million digits) would cost more than computing it: CPython 3.11 turns an
int into decimal text in quadratic time (and refuses past 4,300 digits). The leading digits
follow from the number's top bits and a logarithm instead, the trailing ones from a remainder.
"""

import decimal
from dataclasses import dataclass

# How many digits the page gets from each end of a number (it shows up to twice this whole).
EDGE_DIGITS = 20
# Up to this size, exact decimal text is cheap (about 900 digits).
_EXACT_BITS = 3000
# The top bits kept for the estimate, and a relative margin far above Decimal's rounding error
# at _PRECISION digits but far below 2**-_TOP_BITS, the uncertainty the truncation leaves.
_TOP_BITS = 256
_PRECISION = 100
_MARGIN = decimal.Decimal("1e-80")


@dataclass(frozen=True)
class DigitSummary:
    digits: int
    leading: str
    trailing: str
    negative: bool


def summarize(text: str) -> DigitSummary:
    """Summarize decimal text such as fib_str returns ("-" sign, no leading zeros)."""
    negative = text.startswith("-")
    digits = text.lstrip("-")
    return DigitSummary(
        digits=len(digits),
        leading=digits[:EDGE_DIGITS],
        trailing=digits[-EDGE_DIGITS:],
        negative=negative,
    )


def summarize_int(value: int) -> DigitSummary:
    """The same summary as summarize(str(value)), in time linear in the size of `value`."""
    magnitude = abs(value)
    if magnitude.bit_length() <= _EXACT_BITS:
        return summarize(str(value))
    digits, leading = _count_and_leading(magnitude)
    trailing = f"{magnitude % 10**EDGE_DIGITS:0{EDGE_DIGITS}d}"
    return DigitSummary(digits=digits, leading=leading, trailing=trailing, negative=value < 0)


def _count_and_leading(magnitude: int) -> tuple[int, str]:
    shift = magnitude.bit_length() - _TOP_BITS
    top = magnitude >> shift
    # magnitude lies in [top, top + 1) * 2**shift; bound that interval in decimal, with a margin.
    with decimal.localcontext() as context:
        context.prec = _PRECISION
        context.Emax = decimal.MAX_EMAX
        context.Emin = decimal.MIN_EMIN
        scale = decimal.Decimal(2) ** shift
        low = decimal.Decimal(top) * scale * (1 - _MARGIN)
        high = decimal.Decimal(top + 1) * scale * (1 + _MARGIN)
        digits = low.adjusted() + 1
        if high.adjusted() + 1 == digits:
            low_leading, high_leading = (
                int(bound.scaleb(EDGE_DIGITS - digits).to_integral_value(decimal.ROUND_FLOOR))
                for bound in (low, high))
            if low_leading == high_leading:
                return digits, str(low_leading)
    # Both ends of the interval disagree in the first EDGE_DIGITS digits: only a run of about
    # 55 nines or zeros after them does that. Settle it exactly, with one big division.
    quotient = str(magnitude // 10 ** (digits - EDGE_DIGITS))
    return digits + len(quotient) - EDGE_DIGITS, quotient[:EDGE_DIGITS]
