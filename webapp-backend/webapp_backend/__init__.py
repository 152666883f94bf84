"""The py-cpp-fib web app's server: run `uvicorn --factory webapp_backend.app:create_app`."""
