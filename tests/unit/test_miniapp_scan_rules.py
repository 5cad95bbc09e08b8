"""What a portal scan accepts (guide §1.2.1.3): each refusal with its reason, in the order people can act on."""
from datetime import timedelta

import pytest

from mock_portal import arrange
from mock_portal.licenses import (AGENT_DELETED, CANCELLED, EXPIRED, INVALIDATED, NO_CONSULAR_MATTER, NO_LICENSE,
                                  NOT_YET_EFFECTIVE, PRECISE)

LEGAL_REP = ("张三", "430121198001010010", "13800138000")
AGENT = ("李四", "430102199001010024", "13900139000")


def people(app, store) -> tuple[int, int, int]:
    """(enterprise, legal representative, agent person), the license claimed."""
    with app.app_context():
        rep = arrange.person(store, *LEGAL_REP)
        enterprise = arrange.enterprise(store, "湖南甲科技有限公司", "91430121MA4L0D6X7G", rep, claimed=True)
        return enterprise, rep, arrange.person(store, *AGENT)


DAY = timedelta(days=1)
# situation: (the authorization arranged, what happens to it afterwards, the reason the scan is refused)
SITUATIONS = {
    "missing": ({"authorized": False}, None, NO_LICENSE),
    "not yet": ({"starts_in": DAY}, None, NOT_YET_EFFECTIVE),
    "expired": ({}, "a year passes", EXPIRED),
    "cancelled": ({}, "cancel", CANCELLED),
    "precise, not consular": ({"mode": PRECISE, "matters": ["电子政务—税务—发票办理"]}, None, NO_CONSULAR_MATTER),
    "deleted": ({}, "delete agent", AGENT_DELETED),
    "invalidated": ({}, "invalidate", INVALIDATED),
}


def afterwards(store, ids: dict, what: str | None) -> None:
    if what == "a year passes":
        store.advance_clock((366 * DAY).total_seconds())
    elif what == "cancel":
        arrange.cancel_authorization(store, ids["authorization_id"])
    elif what == "delete agent":
        arrange.delete_agent(store, ids["agent_id"])
    elif what == "invalidate":
        arrange.invalidate_download(store, ids["download_id"])


@pytest.mark.parametrize("situation", SITUATIONS)
def test_a_scan_is_refused_with_the_reason(app, store, situation):
    grant, then, reason = SITUATIONS[situation]
    eid, _, person = people(app, store)
    if "starts_in" in grant:
        grant = {"starts_at": store.now() + grant["starts_in"]}
    ids = arrange.authorized_agent(store, eid, person, **grant)
    afterwards(store, ids, then)
    licenses = app.extensions["portal"].licenses
    assert licenses.scan_refusal(ids["download_id"] or 0, person) == (None, reason)


def test_a_consular_precise_authorization_and_the_legal_representative_may_scan(app, store):
    eid, rep, person = people(app, store)
    ids = arrange.authorized_agent(store, eid, person, mode=PRECISE, matters=["电子政务—外交—领事服务"])
    licenses = app.extensions["portal"].licenses
    assert licenses.scan_refusal(ids["download_id"], person) == (eid, None)
    rep_copy = licenses.downloads_of(rep)[0]["id"]
    assert licenses.scan_refusal(rep_copy, rep) == (eid, None)
