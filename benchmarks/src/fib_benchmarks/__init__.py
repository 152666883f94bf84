"""Benchmarks of fib_python, fib_pybind and gmpy2 (`poetry run benchmark`)."""

__version__ = "0.1.0"
