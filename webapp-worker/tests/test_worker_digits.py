from webapp_worker.digits import EDGE_DIGITS, summarize, trailing_digits_match


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


def test_trailing_digits_tie_a_summary_to_its_value():
    assert trailing_digits_match(10**50 + 123, summarize(str(10**50 + 123)))
    assert trailing_digits_match(-21, summarize("-21"))
    assert not trailing_digits_match(10**50 + 124, summarize(str(10**50 + 123)))
    assert not trailing_digits_match(21, summarize("-21"))
