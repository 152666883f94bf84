"""`python -m webapp_backend [uvicorn options]`: serve the app with uvicorn, settings checked first.

The settings are read here, in the process that starts the server processes (uvicorn's
supervisor when WEB_CONCURRENCY or --workers asks for several): a bad value stops everything
at once with a message naming the variable, instead of every server process failing at start,
over and over. The app is served with the connection limits of connections.py.
"""

import sys

from uvicorn.main import main as uvicorn_main

from . import settings

# On SIGTERM (or Ctrl-C) a server process stops accepting, lets the requests it is answering
# finish for at most this long, then cancels them and ends: uvicorn alone would wait for as
# long as any request takes, a computation or a client that reads slowly. --timeout-graceful-shutdown
# overrides it.
GRACEFUL_SHUTDOWN_SECONDS = 5


def main(arguments: list[str]) -> None:
    try:
        settings.current()
    except settings.SettingsError as error:
        sys.exit(f"webapp_backend: {error}")
    # uvicorn (click) takes an option's last value: the caller's arguments come after the default.
    uvicorn_main(["--timeout-graceful-shutdown", str(GRACEFUL_SHUTDOWN_SECONDS), *arguments,
                  "--http", "webapp_backend.connections:GuardedHttpProtocol",
                  "--factory", "webapp_backend.app:create_app"])


if __name__ == "__main__":
    main(sys.argv[1:])
