"""The harness's run record (reports/run-record.json) and which scenarios speak for which section.

A scenario counts for section S through a tag ``guide-S`` or ``guide-S-<item>``; paths in the
record are relative to the record's own folder.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .guide import is_within
from .record_schema import read_record_data
from .text import closest, normalize, tokens

# "guide-1.2.2", "guide-1.2.2-3", "guide-1.2.2-3.1"; "guide-1.2.2-3-1" is read as item 3.1 too.
TAG = re.compile(r"^@?guide-(\d+(?:\.\d+)*)(?:-(\d+(?:[.-]\d+)*))?$")
# Roles whose accessible name is a form field's label (for "a field the guide leaves out").
CONTROL_ROLES = {"textbox", "combobox", "spinbutton", "checkbox", "radio", "listbox", "searchbox"}
ARIA_LINE = re.compile(r'^\s*-\s+([a-z]+)(?:\s+"((?:[^"\\]|\\.)*)")?[^:]*?(?::\s*(.*))?$')


@dataclass
class Shot:
    device: str
    screenshot: str | None
    url: str
    viewport: dict
    aria: str
    texts: list[dict]
    scroll: dict = field(default_factory=dict)  # the window's scroll when the full-page picture was taken

    def page_box(self, entry: dict) -> tuple[float, float, float, float]:
        """A text's box (window pixels) in the full-page picture's pixels."""
        sx, sy = (self.scroll or {}).get("x", 0), (self.scroll or {}).get("y", 0)
        return entry.get("x", 0) + sx, entry.get("y", 0) + sy, entry.get("width", 0), entry.get("height", 0)

    def strings(self) -> list[str]:
        """Every text the screen showed: element texts, placeholders and aria names/texts."""
        cached = self.__dict__.get("_strings")
        if cached is None:
            cached = self.__dict__["_strings"] = self._collect_strings()
        return cached

    def match_keys(self) -> frozenset[str]:
        """Every normalized label this shot shows by ``text.matches`` (strict): each string, and each run of whole
        tokens in it. A label is then looked up, not compared with every string of every shot."""
        cached = self.__dict__.get("_keys")
        if cached is None:
            cached = self.__dict__["_keys"] = _match_keys(tuple(self.strings()))
        return cached

    def joined(self) -> str:
        """The normalized strings in one text, for the loose (substring) match of a prose label."""
        cached = self.__dict__.get("_joined")
        if cached is None:
            cached = self.__dict__["_joined"] = "\x00".join(normalize(s) for s in self.strings())
        return cached

    def shows(self, label: str, loose: bool = False) -> bool:
        """Same answer as ``any(matches(label, s, loose) for s in self.strings())``, from the keys."""
        want = normalize(label)
        if not want:
            return False
        if want in self.match_keys():
            return True
        return loose and len(want) >= 4 and want in self.joined()

    def closest(self, label: str, avoid: str = ""):
        """``text.closest`` over this shot's strings, remembered per label."""
        return _closest(label, tuple(self.strings()), avoid)

    def _collect_strings(self) -> list[str]:
        out = [t.get("text", "") for t in self.texts]
        out += [t["placeholder"] for t in self.texts if t.get("placeholder")]
        for role, name, rest in self.aria_entries():
            out += [s for s in (name, rest) if s and not s.startswith("/")]
        return [s for s in out if s and s.strip()]

    def aria_entries(self) -> list[tuple[str, str, str]]:
        return [(role, name, rest) for role, name, rest, _ in self.aria_tree()]

    def aria_tree(self) -> list[tuple[str, str, str, int]]:
        """(role, name, text, indent) per line of the aria snapshot; props like /url are left out."""
        out = []
        for line in (self.aria or "").split("\n"):
            m = ARIA_LINE.match(line)
            if m:
                role, name, rest = m.groups()
                indent = len(line) - len(line.lstrip())
                out.append((role, (name or "").replace('\\"', '"'), (rest or "").strip().strip('"'), indent))
        return out

    def control_value(self, label: str) -> str | None:
        """The value shown in the form control whose name is the label (inline or as a child text)."""
        tree = self.aria_tree()
        for n, (role, name, rest, indent) in enumerate(tree):
            if role not in CONTROL_ROLES or normalize(name) != normalize(label):
                continue
            if rest:
                return rest
            for child_role, _, child_rest, child_indent in tree[n + 1:]:
                if child_indent <= indent:
                    break
                if child_role == "text" and child_rest:
                    return child_rest
        return None

    def control_names(self) -> list[str]:
        return [name for role, name, _ in self.aria_entries() if role in CONTROL_ROLES and tokens(name)]


@dataclass
class Step:
    keyword: str
    text: str
    status: str
    error: str | None
    shots: dict[str, Shot]


@dataclass
class Scenario:
    feature: str
    feature_file: str
    name: str
    tags: list[str]
    status: str
    error: str | None
    steps: list[Step]
    refs: list[tuple[str, str | None]] = field(default_factory=list)  # (section, item) per guide tag
    traces: list[str] = field(default_factory=list)  # Playwright traces of a failed run, relative to the record

    def counts_for(self, section: str, item: str | None = None, descendants: bool = True) -> bool:
        for sec, itm in self.refs:
            sec_ok = is_within(sec, section) if descendants else sec == section
            if not sec_ok:
                continue
            if item is None or (sec == section and itm is not None and is_within(itm, item)):
                return True
        return False

    @property
    def ran(self) -> bool:
        return self.status in ("passed", "failed")


@dataclass
class RunRecord:
    path: Path
    base_url: str
    started_at: str
    scenarios: list[Scenario]
    selection: dict | None = None  # how the run chose its scenarios (-m, -k, node ids, a split group)
    refused: dict[str, str] = field(default_factory=dict)  # screenshot path -> why it is not shown

    @property
    def partial(self) -> bool:
        """A run that chose some scenarios: sections it left out were not run, not uncovered."""
        sel = self.selection or {}
        return bool(sel.get("markexpr") or sel.get("keyword") or sel.get("node_ids") or sel.get("group"))

    @property
    def folder(self) -> Path:
        return self.path.parent

    def resolve(self, relative: str | None) -> Path | None:
        return (self.folder / relative) if relative else None

    def for_section(self, section: str, item: str | None = None, descendants: bool = True) -> list[Scenario]:
        """Scenarios that count for the section (and its sub-sections), or for the item of that very section.
        Answered from an index built once: the checks ask this for every section, item and claim, and a scan of
        every scenario's tags each time made a big guide quadratic. The list is shared: do not change it."""
        index = self.__dict__.get("_index")
        if index is None:
            index = self.__dict__["_index"] = self._build_index()
        if item is not None:
            key = ("item", section, item)
        else:
            key = ("within" if descendants else "exact", section, None)
        return index.get(key, [])

    def _build_index(self) -> dict[tuple, list[Scenario]]:
        index: dict[tuple, dict[int, Scenario]] = {}
        for sc in self.scenarios:
            for sec, itm in sc.refs:
                keys = [("within", ".".join(sec.split(".")[:n]), None) for n in range(1, sec.count(".") + 2)]
                keys.append(("exact", sec, None))
                if itm is not None:
                    keys += [("item", sec, ".".join(itm.split(".")[:n])) for n in range(1, itm.count(".") + 2)]
                for key in keys:
                    index.setdefault(key, {})[id(sc)] = sc
        return {key: list(found.values()) for key, found in index.items()}

    def shots_for(self, scenarios: list[Scenario]) -> "ShotList":
        """Every (scenario, step, shot) of the scenarios; the same list object for the same scenarios, so what is
        worked out over it (the shot showing a transcribed screen) is worked out once."""
        memo = self.__dict__.setdefault("_shots", {})
        key = tuple(map(id, scenarios))
        found = memo.get(key)
        if found is None:
            found = memo[key] = ShotList((sc, st, shot) for sc in scenarios for st in sc.steps
                                         for shot in st.shots.values())
        return found

    def ran_shots(self, section: str) -> "ShotList":
        """The shots of the scenarios that ran for the section."""
        memo = self.__dict__.setdefault("_ran_shots", {})
        if section not in memo:
            memo[section] = self.shots_for([s for s in self.for_section(section) if s.ran])
        return memo[section]


# Shots of one screen repeat across steps and scenarios with the same texts: what is worked out over a screen's
# strings is remembered by the strings themselves.
@lru_cache(maxsize=20_000)
def _match_keys(strings: tuple[str, ...]) -> frozenset[str]:
    keys = set()
    for s in strings:
        keys.add(normalize(s))
        toks = tokens(s)
        for start in range(len(toks)):
            run = ""
            for tok in toks[start:]:
                run += tok
                keys.add(run)
    return frozenset(keys)


@lru_cache(maxsize=50_000)
def _closest(label: str, strings: tuple[str, ...], avoid: str = ""):
    return closest(label, list(strings), avoid)


class ShotList(list):
    """A list of (scenario, step, shot) that carries what has been worked out over it (``memo``)."""

    def __init__(self, entries=()) -> None:
        super().__init__(entries)
        self.memo: dict = {}


def parse_tag(tag: str) -> tuple[str, str | None] | None:
    m = TAG.match(tag.strip())
    if not m:
        return None
    return m.group(1), m.group(2).replace("-", ".") if m.group(2) else None


def is_guide_tag(tag: str) -> bool:
    return tag.strip().lstrip("@").startswith("guide-")


def load_record(path: str | Path) -> RunRecord:
    """Raises RecordError (a ValueError naming the file and field) or OSError."""
    path = Path(path)
    return record_from_data(read_record_data(path), path)


def record_from_data(data: dict, path: Path) -> RunRecord:
    """A record already read (or merged from several, see validator.merge); ``path`` anchors its relative paths."""
    scenarios = [_scenario(s) for s in data.get("scenarios", [])]
    return RunRecord(path, data.get("base_url", ""), data.get("started_at", ""), scenarios, data.get("selection"))


def _scenario(raw: dict) -> Scenario:
    steps = [
        Step(st.get("keyword", ""), st.get("text", ""), st.get("status", ""), st.get("error"),
             {dev: _shot(dev, sh) for dev, sh in (st.get("shots") or {}).items() if sh})
        for st in raw.get("steps", [])
    ]
    tags = list(raw.get("tags", []))
    refs = [r for r in (parse_tag(t) for t in tags) if r]
    traces = [t for t in (raw.get("traces") or [raw.get("trace")]) if isinstance(t, str) and t]
    return Scenario(raw.get("feature", ""), raw.get("feature_file", ""), raw.get("name", ""), tags,
                    raw.get("status", ""), raw.get("error"), steps, refs, traces)


def _shot(device: str, raw: dict) -> Shot:
    return Shot(device, raw.get("screenshot"), raw.get("url", ""), raw.get("viewport") or {},
                raw.get("aria") or "", raw.get("texts") or [],
                raw.get("scroll") or {})
