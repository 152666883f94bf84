# The two commands of the README. Both install what is missing first.
.PHONY: run test benchmark cpp-benchmark

run:  ## build everything and serve the web app (HOST, PORT: default 127.0.0.1:8000)
	scripts/run.sh

test:  ## run every test suite of every package; fails if any fails
	scripts/test-all.sh

benchmark:  ## the full benchmark (poetry run benchmark), report in build/benchmark-report/
	scripts/benchmark.sh

cpp-benchmark:  ## the C++ micro-benchmark of fib-cpp against GMP's mpz_fib_ui
	scripts/run-cpp-benchmark.sh
