"""`python -m webapp_backend [uvicorn options]`: serve the app with uvicorn, settings checked first.

The settings are read here, in the process that starts the server processes (uvicorn's
supervisor when WEB_CONCURRENCY or --workers asks for several): a bad value stops everything
at once with a message naming the variable, instead of every server process failing at start,
over and over. The app is served with the connection limits of connections.py.
"""

import sys

from uvicorn.main import main as uvicorn_main

from webapp_worker.contract import load_implementations

from .settings import Settings, SettingsError


def main(arguments: list[str]) -> None:
    try:
        Settings.from_env(load_implementations())
    except SettingsError as error:
        sys.exit(f"webapp_backend: {error}")
    uvicorn_main([*arguments, "--http", "webapp_backend.connections:GuardedHttpProtocol",
                  "--factory", "webapp_backend.app:create_app"])


if __name__ == "__main__":
    main(sys.argv[1:])
