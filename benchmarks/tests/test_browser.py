import pytest

from fib_benchmarks.browser import implementation_name, row_seconds


@pytest.mark.parametrize(
    ("data_impl", "name"),
    [("native", "fib_pybind"), ("python", "fib_python"), ("fib_pybind", "fib_pybind"), ("fib_python", "fib_python"),
     ("gmpy2", None)],
)
def test_the_pages_implementation_names_map_to_the_harness_names(data_impl, name):
    assert implementation_name(data_impl) == name


def test_a_rows_data_seconds_is_its_time():
    assert row_seconds("0.0123456", ["browser", "native", "fib", "1,000,000", "12.3 ms"]) == 0.0123456


@pytest.mark.parametrize(("text", "seconds"), [("12.3 ms", 0.0123), ("456 µs", 456e-6), ("1.23 s", 1.23)])
def test_without_data_seconds_the_time_is_read_from_the_row(text, seconds):
    cells = ["browser", "native", "fib", "1,000,000", text, "208,988", "1953…875"]
    assert row_seconds(None, cells) == pytest.approx(seconds)


def test_a_row_without_a_readable_time_is_an_error():
    with pytest.raises(ValueError, match="cannot tell the time"):
        row_seconds(None, ["browser", "native", "fib", "1,000,000", "soon"])
