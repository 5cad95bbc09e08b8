"""Where test_hostile_input.py sends hostile forms: a small arranged world, the session states to post from, and
every POST endpoint's form as the rendered pages show it.

Nothing here names a route or a field of today's screens. POST endpoints come from the app's url_map; their fields,
offered values and the states that show them come from rendering every page in every state and reading its forms,
so a route or a field added later is fuzzed without touching this file.
"""
import sqlite3
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser

from werkzeug.exceptions import HTTPException

from hostile import SWEEP, believable
from mock_portal import arrange

# --- the world each example starts from -------------------------------------------------------------------------
REGISTRATION_DETAILS = {"region_province": "湖南省", "region_detail": "长沙市岳麓区", "contact_phone": "13800138000",
                        "nature": "民营企业", "industry": "制造业", "employees": "10"}


@dataclass
class World:
    ids: dict[str, int]
    sessions: dict[str, dict]


def arrange_world(app) -> World:
    """A fresh store: an enterprise with an account, one 经办人 and an authorized agent; a second enterprise not yet
    registered; both licenses on the legal representative's phone, a third still to download; a registration QR
    code. Same ids every time."""
    portal = app.extensions["portal"]
    store = portal.store
    store.reset()
    with app.app_context():  # the app's (cheap, in tests) password hashing
        rep = arrange.person(store, name="张三", id_number="430121198001010010", mobile="13800138000")
        registered = arrange.enterprise(store, name="湖南甲科技有限公司", uscc="91430121MA4L0D6X7G",
                                        legal_rep_id=rep, claimed=True)
        unregistered = arrange.enterprise(store, name="湖南乙科技有限公司", uscc="91430100MA4L0D6X7A",
                                          legal_rep_id=rep, claimed=True)
        arrange.enterprise(store, name="湖南丙科技有限公司", uscc="91430100MA4L0D6X7B", legal_rep_id=rep)
        account = arrange.account(store, enterprise_id=registered, email="owner@example.com", password="Passw0rd!")
        handler = portal.accounts.add_handler(account, "李四", "handler_li", "13900139000", "Passw0rd!")
        agent = arrange.authorized_agent(store, enterprise_id=registered, person_id=arrange.person(
            store, name="王五", id_number="430103199203030038", mobile="13700137000"))
        _, token = portal.qr.issue("register")
        signed_in, handler_signed_in = portal.signins.start(account), portal.signins.start(account, handler)
    sessions = {
        "anonymous": {},
        "enterprise": {"signin": signed_in},
        "handler": {"signin": handler_signed_in},
        "registering": {"reg_enterprise_id": unregistered},
        "registering_details": {"reg_enterprise_id": unregistered, "reg_enterprise_form": REGISTRATION_DETAILS},
        "phone": {"miniapp_person_id": rep},
        "phone_scanning": {"miniapp_person_id": rep, "scan_token": token},
    }
    ids = {"handler_id": handler, "account_id": account, "enterprise_id": registered, "person_id": rep,
           "agent_id": agent["agent_id"], "authorization_id": agent["authorization_id"],
           "download_id": agent["download_id"]}
    return World(ids, sessions)


class WorldCopy:
    """The world arranged once, then copied back into the store before each example with SQLite's backup API:
    a copy takes about a millisecond, arranging it (password hashes included) ten times that."""

    def __init__(self, app) -> None:
        self.store = app.extensions["portal"].store
        self.world = arrange_world(app)
        self._copy = sqlite3.connect(":memory:")
        self.store.db.backup(self._copy)

    def restore(self) -> World:
        self._copy.backup(self.store.db)
        return self.world


STATES = ("anonymous", "enterprise", "handler", "registering", "registering_details", "phone", "phone_scanning")


def enter(client, world: World, state: str) -> None:
    with client.session_transaction() as session:
        session.update(world.sessions[state])


# --- discovering the forms --------------------------------------------------------------------------------------
@dataclass
class FormShape:
    """Everything known about one POST endpoint's form, merged over every page and state that shows it."""
    fields: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    files: set[str] = field(default_factory=set)
    readonly: set[str] = field(default_factory=set)  # sent back as offered; hypothesis still varies them
    states: set[str] = field(default_factory=set)
    paths: set[str] = field(default_factory=set)
    home: str = "anonymous"  # the first state in which a page offers the form
    home_path: str = ""  # a path a page posts the form to
    guessed: bool = False  # no page offers its form, or the form has no fields: every field name seen is tried

    def sweep(self) -> list[list[tuple[str, str | bytes]]]:
        """One form per (field, payload): that field hostile, the others believable, rotating through the values
        each offers (so every button of the form is pressed). A form without fields gets an unexpected one."""
        if self.guessed:
            return [[("unexpected", payload)] for payload in SWEEP]
        names = sorted(self.fields)
        choices = {name: sorted(self.fields[name]) or believable(name, set())[:1] or ["x"] for name in names}
        cases = [(victim, payload) for victim in names if victim not in self.readonly for payload in SWEEP]
        return [[(name, payload if name == victim else choices[name][i % len(choices[name])]) for name in names]
                for i, (victim, payload) in enumerate(cases)]


class _Page(HTMLParser):
    """Links and post forms of one page: field names with the values the page offers (hidden inputs, options,
    buttons, radios)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form = self._option = self._select = None

    def handle_starttag(self, tag, attrs):
        a = {name: value or "" for name, value in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action", ""),
                          "fields": defaultdict(set), "files": set(), "readonly": set()}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "select", "textarea", "button") and a.get("name"):
            name, kind = a["name"], a.get("type", "")
            self._form["fields"][name]  # known, even without an offered value
            if "readonly" in a:
                self._form["readonly"].add(name)
            if kind == "file":
                self._form["files"].add(name)
            elif kind == "checkbox":
                self._form["fields"][name].add(a.get("value") or "on")
            elif a.get("value"):
                self._form["fields"][name].add(a["value"])
            self._select = name if tag == "select" else self._select
        elif tag == "option" and self._form is not None and self._select:
            if a.get("value"):
                self._form["fields"][self._select].add(a["value"])
            else:
                self._option = self._select  # the option's text is its value

    def handle_data(self, data):
        if self._option and data.strip():
            self._form["fields"][self._option].add(data.strip())
            self._option = None

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def post_endpoints(app) -> list[str]:
    return sorted({rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods})


def _local(base: str, href: str) -> str | None:
    url = urllib.parse.urlsplit(urllib.parse.urljoin("http://localhost" + base, href))
    if url.netloc != "localhost" or url.scheme != "http":
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def _post_endpoint(adapter, path: str) -> str | None:
    route, _, query = path.partition("?")
    try:
        return adapter.match(route, method="POST", query_args=query)[0]
    except HTTPException:  # not found, method not allowed, redirect
        return None


MAX_PAGES_PER_STATE = 60


def discover(app) -> dict[str, FormShape]:
    """Crawl every page reachable in every session state and merge each post form into its endpoint's shape."""
    adapter = app.url_map.bind("localhost")
    shapes = {endpoint: FormShape() for endpoint in post_endpoints(app)}
    starts = sorted(rule.rule for rule in app.url_map.iter_rules()
                    if "GET" in rule.methods and not rule.arguments and rule.endpoint != "static")
    for state in STATES:
        world = arrange_world(app)
        client = app.test_client()
        enter(client, world, state)
        queue, seen = list(starts), set()
        while queue and len(seen) < MAX_PAGES_PER_STATE:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            response = client.get(url)
            if response.status_code != 200 or response.mimetype != "text/html":
                continue
            page = _Page()
            page.feed(response.get_data(as_text=True))
            queue += [target for target in (_local(url, href) for href in page.links) if target]
            for form in page.forms:
                path = _local(url, form["action"] or url)
                endpoint = _post_endpoint(adapter, path) if form["method"] == "post" and path else None
                if endpoint in shapes:
                    shape = shapes[endpoint]
                    for name, values in form["fields"].items():
                        shape.fields[name] |= values
                    shape.files |= form["files"]
                    shape.readonly |= form["readonly"]
                    shape.states.add(state)
                    shape.paths.add(path)
    return _complete(app, shapes)


def _complete(app, shapes: dict[str, FormShape]) -> dict[str, FormShape]:
    """An endpoint no page posts to is still fuzzed: in every state, with every field name seen anywhere, at a
    path built from its rule. Every endpoint is also tried signed out, and at ids that match no row or do not fit
    in SQLite's 64-bit integers."""
    adapter = app.url_map.bind("localhost")
    ids = arrange_world(app).ids
    every_field = defaultdict(set)
    for shape in shapes.values():
        for name, values in shape.fields.items():
            every_field[name] |= values
    for endpoint, shape in shapes.items():
        rule = next(r for r in app.url_map.iter_rules(endpoint) if "POST" in r.methods)
        shape.home = min(shape.states, key=STATES.index, default="anonymous")
        shape.home_path = min(shape.paths, default="")
        shape.states |= {"anonymous"} if shape.states else set(STATES)
        shape.fields.pop("csrf_token", None)
        if not shape.fields:
            shape.guessed = True
            shape.fields = defaultdict(set, {k: set(v) for k, v in every_field.items() if k != "csrf_token"})
        if rule.arguments:
            shape.paths.add(adapter.build(endpoint, {arg: ids.get(arg, 1) for arg in rule.arguments}, method="POST"))
            for unknown in (999999, 2**63):  # no such row; one past SQLite's largest integer
                shape.paths.add(adapter.build(endpoint, {arg: unknown for arg in rule.arguments}, method="POST"))
        elif not shape.paths:
            shape.paths.add(rule.rule)
        shape.home_path = shape.home_path or min(shape.paths)
    return shapes
