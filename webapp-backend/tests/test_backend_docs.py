"""The OpenAPI schema and its docs pages, served with no CDN."""

import re

import pytest


def test_openapi_schema_describes_the_api(server):
    response = server.request("/openapi.json")
    assert response.status == 200
    schema = response.json()
    assert schema["info"]["title"] == "py-cpp-fib"
    assert {"/api/fib/{n}", "/api/health", "/wheels/index.json"} <= set(schema["paths"])
    parameters = {p["name"]: p for p in schema["paths"]["/api/fib/{n}"]["get"]["parameters"]}
    assert set(parameters) == {"n", "impl", "format", "include_value"}


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_their_assets_from_this_server(server, page):
    response = server.request(page)
    assert response.status == 200
    html = response.body.decode()
    assert "https://" not in html and "http://" not in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets, "the docs page names its script and styles"
    for asset in assets:
        assert asset.startswith("/docs-assets/"), asset
        assert server.request(asset).status == 200, asset


def test_swagger_ui_does_not_call_an_online_validator(server):
    assert '"validatorUrl": null' in server.request("/docs").body.decode()
