"""Pages link their stylesheet by a versioned URL the browser may keep: without it, every page load asked for the
stylesheet again (Flask's default is no-cache), about 6% of a scenario run's CPU."""
import os
import re

from mock_portal import create_app


def _stylesheets(client, page: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+)"', client.get(page).get_data(as_text=True))


def test_stylesheets_are_cacheable_and_their_url_changes_with_the_file(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite3"), "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    pages = {"/APEC/login": "portal.css", "/miniapp/": "miniapp.css"}
    for page, sheet in pages.items():
        links = _stylesheets(client, page)
        assert len(links) == 1 and re.fullmatch(rf"/static/{sheet}\?v=\d+", links[0]), (page, links)
        answer = client.get(links[0])
        assert answer.status_code == 200 and answer.cache_control.max_age >= 24 * 3600, (page, answer.headers)

    # an edited stylesheet gets a new URL, so a browser holding the old one asks again
    path = os.path.join(app.static_folder, "portal.css")
    before, stat = _stylesheets(client, "/APEC/login"), os.stat(path)
    try:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert _stylesheets(client, "/APEC/login") != before
    finally:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
