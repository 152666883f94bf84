import pytest

from webapp_worker.digits import EDGE_DIGITS, summarize, summarize_int


def test_short_numbers_fit_in_both_ends():
    summary = summarize("832040")
    assert (summary.digits, summary.leading, summary.trailing) == (6, "832040", "832040")
    assert summary.negative is False


def test_long_numbers_keep_only_their_ends():
    text = "1" + "0" * 98 + "7"
    summary = summarize(text)
    assert summary.digits == 100
    assert summary.leading == text[:EDGE_DIGITS]
    assert summary.trailing == text[-EDGE_DIGITS:]


def test_the_sign_is_not_a_digit():
    summary = summarize("-8")
    assert (summary.digits, summary.leading, summary.trailing, summary.negative) == (1, "8", "8", True)


@pytest.mark.parametrize("value", [
    0, 7, -8, 10**19, 10**20 - 1, 2**3000, -(2**3001),
    # Past the exact-text size; runs of nines and zeros put the leading digits on a boundary.
    10**1500 - 1, 10**1500, -(10**1500), 10**1500 + 1, 10**1000 * (10**60 - 1), (10**80 - 1) * 10**1000 + 5,
    7**2500, -(3**4000),
])
def test_a_numbers_summary_equals_its_texts(value):
    assert summarize_int(value) == summarize(str(value))
