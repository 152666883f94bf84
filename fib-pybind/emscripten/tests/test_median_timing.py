"""median_timing: results are checked before anything is timed; sizes are validated."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import median_timing  # noqa: E402


def test_medians_of_agreeing_implementations(monkeypatch):
    monkeypatch.setattr(median_timing, "BUDGET_SECONDS", 0.0)
    figures = median_timing.medians_at({"a": lambda n: n * 2, "b": lambda n: 2 * n}, 21)
    assert figures["calls"] == median_timing.MIN_CALLS
    assert set(figures["medians"]) == {"a", "b"}
    assert all(seconds >= 0 for seconds in figures["medians"].values())


def test_a_wrong_result_stops_the_measurement():
    with pytest.raises(SystemExit, match=r"error: b\(21\) differs from the others"):
        median_timing.medians_at({"a": lambda n: n * 2, "b": lambda n: n}, 21)


@pytest.mark.parametrize("argv", [[], ["10x"], ["-5"], ["1e6"]])
def test_sizes_must_be_non_negative_integers(argv):
    with pytest.raises(SystemExit, match="give the n to time as non-negative integers"):
        median_timing.parse_sizes(argv)


def test_sizes_are_read_as_integers():
    assert median_timing.parse_sizes(["0", "100000"]) == [0, 100000]
