"""Registers the harness's plugins: fixtures (server, browsers, actors, data, evidence) and step definitions."""
pytest_plugins = [
    # modules imported by later ones come first, so pytest can still rewrite their asserts
    "fixtures.preflight",
    "fixtures.tags",
    "fixtures.visual",
    "fixtures.allure_report",
    "fixtures.evidence",
    "fixtures.junit_report",
    "fixtures.factories",
    "fixtures.control",
    "fixtures.server",
    "fixtures.browser",
    "steps.common",
    "steps.portal_steps",
    "steps.registration_steps",
    "steps.login_steps",
    "steps.miniapp_common",
    "steps.miniapp_realname_steps",
    "steps.miniapp_download_steps",
    "steps.miniapp_manage_steps",
    "steps.miniapp_agent_steps",
    "steps.miniapp_scan_steps",
]
import pytest  # noqa: E402


@pytest.fixture(scope="session")
def base_url(portal_url: str) -> str:
    """pytest-playwright brings a base_url of its own as a plugin; a conftest fixture outranks plugins, so the
    harness's (the embedded mock unless --base-url) is the one every context and page object gets."""
    return portal_url
