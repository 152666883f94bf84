"""Describes a big number by its decimal text without printing all of it."""

from dataclasses import dataclass

# How many digits the page gets from each end of a number (it shows up to twice this whole).
EDGE_DIGITS = 20


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


def trailing_digits_match(value: int, summary: DigitSummary) -> bool:
    """Cheap check that `summary` describes `value` (compares the last digits only)."""
    modulus = 10 ** len(summary.trailing)
    signed_tail = int(summary.trailing) * (-1 if summary.negative else 1)
    # Python's % follows the modulus' sign, so compare residues, not texts.
    return value % modulus == signed_tail % modulus
