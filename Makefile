# The README's two commands: each sets up what is missing (build-support/bootstrap.sh), then runs nox.
# Everything else is a nox session: `/var/cache/py-cpp-fib/tools/nox/bin/nox --list`.
NOX := /var/cache/py-cpp-fib/tools/nox/bin/nox
.PHONY: run test

run:  ## build what the page needs and serve it (HOST, PORT: default 127.0.0.1:8000)
	build-support/bootstrap.sh && $(NOX) --session serve

test:  ## every test session of every package; fails if any fails
	build-support/bootstrap.sh && $(NOX)
