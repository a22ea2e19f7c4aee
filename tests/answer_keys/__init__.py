"""Answer keys: the facts each article states, written by reading it (not by running the
extractor). ``project`` turns extracted facts into the same plain shape so a test can compare
them exactly, both ways; ``evidence_in`` collects every quote span for round-trip tests.

Shape of a key module: ``FILE`` (the article's file name) and ``EXPECTED``, a dict with
- ``events``: list of dicts (kinds, date, cluster, host, reporting_year, reporting_period,
  presided, attended — people by person key);
- ``clusters``: set of (cluster key, name as written);
- ``members``: set of (cluster key, province key, year, status);
- ``roles``: set of (cluster key, "chair"/"vice-chair", year, province key, status);
- ``awards``: Counter of (award type key, status, merit year, recipient key, collectives,
  individuals, recipients, authority key, decision key, decision date);
- ``citations``: Counter of (document key, number as written, stated date, agreement,
  speaker key);
- ``officials``: {person key: set of (post words, organisation key)} — post words compared
  by ``match_key``;
- ``campaigns``: Counter of (campaign key, name as written).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import fields, is_dataclass
from typing import Any

from tdkt.loaders.articles.facts import Evidence
from tdkt.text import match_key

SECTIONS = (
    "events",
    "clusters",
    "members",
    "roles",
    "awards",
    "citations",
    "officials",
    "campaigns",
)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def project(facts) -> dict[str, Any]:
    """Extracted facts in the answer-key shape."""
    return {
        "events": [
            {
                "kinds": set(e.kinds),
                "date": _iso(e.date),
                "cluster": e.cluster.key if e.cluster else None,
                "host": e.host.key if e.host else None,
                "reporting_year": e.reporting_year,
                "reporting_period": e.reporting_period,
                "presided": set(e.presided_by),
                "attended": set(e.attended_by),
            }
            for e in facts.events
        ],
        "clusters": {(c.cluster.key, c.name_as_written) for c in facts.clusters},
        "members": {(m.cluster.key, m.province.key, m.year, m.status) for m in facts.memberships},
        "roles": {(r.cluster.key, r.role, r.year, r.province.key, r.status) for r in facts.roles},
        "awards": Counter(
            (
                a.award_type.key,
                a.status,
                a.merit_year,
                a.recipient.key if a.recipient else None,
                a.count_collectives,
                a.count_individuals,
                a.count_recipients,
                a.authority_key,
                a.decision.key if a.decision else None,
                _iso(a.decision.date) if a.decision else None,
            )
            for a in facts.awards
        ),
        "citations": Counter(
            (c.document_key, c.number_as_written, _iso(c.stated_date), c.date_agreement, c.speaker)
            for c in facts.citations
        ),
        "officials": {
            o.key: {(match_key(p.role), p.organization_key) for p in o.posts}
            for o in facts.officials
        },
        "campaigns": Counter((c.campaign.key, c.name_as_written) for c in facts.campaigns),
    }


def normalise(expected: dict[str, Any]) -> dict[str, Any]:
    """A key as written (plain sets, lists) in the shape ``project`` returns."""
    result = {name: expected.get(name) for name in SECTIONS}
    result["events"] = result["events"] or []
    for name in ("clusters", "members", "roles"):
        result[name] = set(result[name] or ())
    for name in ("awards", "citations", "campaigns"):
        result[name] = Counter(result[name] or ())
    result["officials"] = {
        key: {(match_key(role), org) for role, org in posts}
        for key, posts in (result["officials"] or {}).items()
    }
    return result


def differences(observed: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """What is missing from and what was invented in ``observed``, section by section."""
    expected = normalise(expected)
    problems = []
    for name in SECTIONS:
        got, want = observed[name], expected[name]
        if got == want:
            continue
        if isinstance(want, set):
            problems.append(f"{name}: missing {want - got}; invented {got - want}")
        elif isinstance(want, Counter):
            problems.append(f"{name}: missing {dict(want - got)}; invented {dict(got - want)}")
        elif isinstance(want, dict):
            for key in sorted(set(want) | set(got)):
                if want.get(key) != got.get(key):
                    problems.append(f"{name}[{key}]: want {want.get(key)}, got {got.get(key)}")
        else:
            problems.append(f"{name}: want {want}, got {got}")
    return problems


def evidence_in(value: Any) -> list[Evidence]:
    """Every evidence span anywhere in extracted facts (fields, lists, nested facts), so a
    round-trip test cannot miss a kind of fact added later."""
    if isinstance(value, Evidence):
        return [value]
    if isinstance(value, tuple | list):
        return [e for v in value for e in evidence_in(v)]
    if is_dataclass(value) and not isinstance(value, type):
        return [e for f in fields(value) for e in evidence_in(getattr(value, f.name))]
    return []
