"""Example values in the guide, checked with the portal's own validators.

The validators live in the mock portal (``mock_portal.rules``) so the guide is held to the same
rule the registration form applies; they are imported lazily so the validator still reports the
rest when a rule module is missing.
"""
from __future__ import annotations

import importlib
from .claims import Claim
from .findings import Finding, Fix, Highlight
from .text import normalize

# Field label (normalized) -> (module, function, style) of the portal rule that judges its value:
# "bool" rules answer is_valid; "message" rules return the message shown beside the field, or None.
VALIDATORS: dict[str, tuple[str, str, str]] = {
    "统一社会信用代码": ("mock_portal.rules.uscc", "is_valid", "bool"),
    "证件号码": ("mock_portal.rules.idcard", "is_valid", "bool"),
    "身份证号": ("mock_portal.rules.idcard", "is_valid", "bool"),
    "邮箱账号": ("mock_portal.rules.fields", "email_error", "message"),
    "密码": ("mock_portal.rules.fields", "password_error", "message"),
    "企业联系电话": ("mock_portal.rules.fields", "mobile_error", "message"),
    "员工人数": ("mock_portal.rules.fields", "employees_error", "message"),
    "邮箱验证码": ("mock_portal.rules.fields", "email_code_error", "message"),
}
RULE_NAMES = {"统一社会信用代码": "GB 32100-2015 校验不通过", "证件号码": "GB 11643-1999 校验不通过",
              "身份证号": "GB 11643-1999 校验不通过"}


def judge(field: str, value: str) -> tuple[bool, str]:
    """(valid, why not) by the portal's own rule for the field; raises ImportError when absent."""
    module, function, style = VALIDATORS[field]
    rule = getattr(importlib.import_module(module), function)
    if style == "bool":
        return bool(rule(value)), RULE_NAMES.get(field, "门户校验不通过")
    message = rule(value)
    return message is None, message or ""


def example_findings(claims: list[Claim]) -> list[Finding]:
    out: list[Finding] = []
    for c in claims:
        if c.kind != "example" or c.field not in VALIDATORS:
            continue
        try:
            valid, why = judge(c.field, c.label)
        except (ImportError, AttributeError) as exc:
            out.append(Finding("example_unchecked", c.section, f"无法校验示例值「{c.words}」：{exc}",
                               guide_words=c.words, context=c.context, item=c.item, line=c.line))
            continue
        if not valid:
            out.append(Finding("invalid_example", c.section, f"示例值「{c.words}」不是有效的{c.field}（{why}）",
                               guide_words=c.words, context=c.context,
                               screen=f"门户校验规则 {'.'.join(VALIDATORS[c.field][:2])} 判定无效",
                               item=c.item, line=c.line))
    return out


def attach_screens(findings: list[Finding], claims: list[Claim], figures: dict) -> None:
    """Show, beside an invalid example, the value the portal itself put in that field."""
    by_line = {c.line: c for c in claims if c.kind == "example"}
    for f in findings:
        claim = by_line.get(f.line) if f.kind == "invalid_example" else None
        fig = figures.get(claim.slot) if claim else None
        if not fig or not fig.shots:
            continue
        shot = fig.shots[0]
        value = shot.control_value(claim.field)
        if value:
            f.screen = f"运行中该字段显示「{value}」；{f.screen}"
            if _is_valid(claim.field, value):  # the portal's own value, valid by the same rule, is the obvious fix
                f.fix = Fix(claim.line, claim.words, value)
            box = next((t for t in shot.texts if normalize(t.get("text", "")) == normalize(value)), None)
            if box:
                f.highlight = Highlight(box.get("x", 0), box.get("y", 0), box.get("width", 0), box.get("height", 0),
                                        shot.viewport.get("width") or 1, shot.viewport.get("height") or 1)
        f.screenshot, f.device = shot.screenshot, shot.device
        f.scenario = fig.scenario.name if fig.scenario else None
        f.step = f"{fig.step.keyword} {fig.step.text}" if fig.step else None


def _is_valid(field: str, value: str) -> bool:
    try:
        return judge(field, value)[0]
    except (ImportError, AttributeError):
        return False
