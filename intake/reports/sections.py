"""The annual report as sections of words and tables, translated: the PDF prints all of them, and the HTML page
prints those it has no chart-and-table layout of its own for (``EXTRA_SECTION_IDS``).

Call inside a request (or ``test_request_context``) so the words come out in the reader's language. Counts
hidden for publishing ("<5") read "fewer than 5".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _

from intake.domain.casework.labels import (
    ACTION_STATUS_LABELS,
    PAUSE_REASON_LABELS,
    PAYMENT_REASON_LABELS,
    REFUSAL_LABELS,
    RESOLUTION_LABELS,
    label,
)
from intake.reports.labels import outcome_label, pounds


@dataclass(frozen=True)
class TableSpec:
    id: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[TableSpec, ...] = ()
    bullets: tuple[str, ...] = ()


# The sections the HTML page adds after its own (the PDF prints every section).
EXTRA_SECTION_IDS = (
    "previous-year",
    "quarterly",
    "corporate",
    "refusals",
    "pauses",
    "ombudsman-years",
    "payments",
    "resolutions",
    "actions",
    "code-8-1",
)


def n(value: Any) -> str:
    if value == "<5":
        return _("fewer than 5")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def count_rows(rows: Mapping[str, Any], words: Callable[[str], str]) -> tuple[tuple[str, ...], ...]:
    counted = [(words(k), n(v)) for k, v in rows.items()]
    return tuple(counted) if counted else ((_("None this year."), ""),)


def table_spec(id_: str, caption: str, header: Iterable[str], rows) -> TableSpec:
    return TableSpec(id_, caption, tuple(header), tuple(tuple(r) for r in rows))


def _key_facts(data: dict) -> Section:
    before = data["previous_year"]

    def pair(what: str, now: Any, then: Any) -> tuple[str, str, str]:
        return what, n(now), n(then)

    rows = [
        pair(_("Complaints received"), data["complaints"]["total"], before["complaints"]["total"]),
        pair(_("Statutory complaints"), data["complaints"]["statutory"], before["complaints"]["statutory"]),
        pair(_("Corporate complaints"), data["complaints"]["corporate"], before["complaints"]["corporate"]),
        pair(_("Complaints resolved informally"), data["complaints"]["informal"], before["complaints"]["informal"]),
        pair(_("Compliments"), data["compliments"], before["compliments"]),
        pair(_("From children and young people, or their advocates"), data["from_children"], before["from_children"]),
        pair(_("Of those, supported by an advocate"), data["with_advocate"], before["with_advocate"]),
    ]
    for stage in ("stage1", "stage2", "stage3"):
        now, then = data["timeliness"][stage], before["timeliness"][stage]
        rows.append(pair(_stage_name(stage) + " – " + _("within the timescale"), now["within"], then["within"]))
    for key, words in (("upheld", _("Upheld")), ("partly_upheld", _("Partly upheld")), ("not_upheld", _("Not upheld"))):
        rows.append(
            pair(
                _("Statutory outcome: %(outcome)s", outcome=words),
                data["outcomes"].get(key, 0),
                before["outcomes"].get(key, 0),
            )
        )
    rows.append(pair(_("Taken to the Ombudsman"), data["lgo"]["referred"], before["lgo"]["referred"]))
    rows.append(pair(_("Upheld by the Ombudsman"), data["lgo"]["upheld"], before["lgo"]["upheld"]))
    table = table_spec(
        "table-previous-year",
        _("This year and the year before"),
        (_("Figure"), data["year"], before["year"]),
        rows,
    )
    return Section("previous-year", _("This year and the year before"), tables=(table,))


def _stage_name(key: str) -> str:
    return {
        "stage1": _("Stage 1: local resolution"),
        "stage2": _("Stage 2: investigation"),
        "stage3": _("Stage 3: review panel, as a whole"),
        "stage3_panel": _("Stage 3: the panel meets"),
        "stage3_report": _("Stage 3: the panel's report"),
        "stage3_response": _("Stage 3: the council's response"),
    }.get(key, key)


def timeliness_table(id_: str, caption: str, timeliness: Mapping[str, Mapping[str, Any]], name=_stage_name):
    rows = [
        (
            name(key),
            str(t["timescale"]),
            n(t["within"]),
            n(t["over"]),
            n(t["within_limit"]) if "within_limit" in t else "–",
            str(t["average_working_days"]),
        )
        for key, t in timeliness.items()
    ]
    header = (
        _("Stage"),
        _("Timescale (working days)"),
        _("Within"),
        _("Over"),
        _("Within the most an extension allows"),
        _("Average (working days)"),
    )
    return table_spec(id_, caption, header, rows)


def _quarterly(data: dict) -> Section:
    rows = [
        (
            _("%(quarter)s (%(start)s to %(end)s)", quarter=q["quarter"], start=q["from"], end=q["to"]),
            n(q["complaints"]),
            n(q["compliments"]),
            n(q["stage1"]["within"]),
            n(q["stage1"]["over"]),
        )
        for q in data["quarterly"]
    ]
    header = (_("Quarter"), _("Complaints"), _("Compliments"), _("Stage 1 within 10 working days"), _("Stage 1 over"))
    return Section(
        "quarterly", _("Quarter by quarter"), tables=(table_spec("table-quarterly", _("Each quarter"), header, rows),)
    )


def _corporate(data: dict) -> Section:
    corporate = data["corporate"]
    outcomes = table_spec(
        "table-corporate-outcomes",
        _("Outcomes of corporate complaints"),
        (_("Outcome"), _("Number")),
        count_rows(corporate["outcomes"], outcome_label),
    )
    timeliness = timeliness_table(
        "table-corporate-timeliness",
        _("Corporate complaints: responses within the timescale"),
        corporate["timeliness"],
        name=lambda k: _("Stage %(n)s", n=k[-1]),
    )
    intro = _(
        "%(count)s corporate complaints, answered under the council's own two-stage procedure (the "
        "Ombudsman's Complaint Handling Code), counted from the acknowledgement.",
        count=n(corporate["complaints"]),
    )
    return Section("corporate", _("Corporate complaints"), paragraphs=(intro,), tables=(outcomes, timeliness))


def _refusals(data: dict) -> Section:
    refusals = data["refusals"]
    by_reason = table_spec(
        "table-refusals",
        _("Refusals by reason"),
        (_("Reason"), _("Number")),
        count_rows(refusals["by_reason"], lambda k: label(REFUSAL_LABELS, k)),
    )
    by_stage = table_spec(
        "table-refusals-stage",
        _("Refusals by stage"),
        (_("Refused"), _("Number")),
        [
            (_("To look into the complaint"), n(refusals["by_stage"].get("stage1", 0))),
            (_("To go to stage 2"), n(refusals["by_stage"].get("stage2", 0))),
            (_("To go to stage 3"), n(refusals["by_stage"].get("stage3", 0))),
        ],
    )
    intro = _(
        "Complaints we refused to look into or to take further: %(count)s. Each refusal gave our reasons and "
        "the right to go to the Ombudsman.",
        count=n(refusals["total"]),
    )
    return Section("refusals", _("Complaints we refused"), paragraphs=(intro,), tables=(by_reason, by_stage))


def _pauses(data: dict) -> Section:
    pauses = data["pauses"]
    intro = _(
        "Complaints put on hold while other proceedings went on (reg 8): %(count)s, of which %(still)s are "
        "still on hold. Their clocks stood still for %(days)s working days in all.",
        count=n(pauses["started"]),
        still=n(pauses["still_paused"]),
        days=n(pauses["working_days_paused"]),
    )
    table = table_spec(
        "table-pauses",
        _("Pauses by what they waited for"),
        (_("Waiting for"), _("Number")),
        count_rows(pauses["by_reason"], lambda k: label(PAUSE_REASON_LABELS, k)),
    )
    return Section("pauses", _("Complaints put on hold"), paragraphs=(intro,), tables=(table,))


def _ombudsman(data: dict) -> Section:
    referred, decided = data["ombudsman"]["by_referral_year"], data["ombudsman"]["by_decision_year"]
    rows = [
        (_("Referred this year"), n(referred["referred"]), ""),
        (_("Of those, decided"), n(referred["decided"]), ""),
        (_("Of those, waiting for the Ombudsman's decision"), n(referred["awaiting_decision"]), ""),
        (_("Decided this year"), "", n(decided["decided"])),
        (_("Not investigated"), n(referred["not_investigated"]), n(decided["not_investigated"])),
        (_("Upheld"), n(referred["upheld"]), n(decided["upheld"])),
        (_("Not upheld"), n(referred["not_upheld"]), n(decided["not_upheld"])),
        (_("Remedies asked of us"), "", n(decided["remedies"])),
        (_("Remedies carried out"), "", n(decided["remedies_done"])),
        (_("Of those, by the date the Ombudsman set"), "", n(decided["remedies_done_on_time"])),
    ]
    header = (_("Figure"), _("By the year of referral"), _("By the year of decision"))
    return Section(
        "ombudsman-years",
        _("The Ombudsman: referrals and decisions this year"),
        tables=(table_spec("table-ombudsman-years", _("Ombudsman referrals and decisions"), header, rows),),
    )


def _payments(data: dict) -> Section:
    money = data["compensation"]
    rows = [
        (
            i["paid_on"] or _("Not recorded"),
            pounds(i["amount_pence"]),
            label(PAYMENT_REASON_LABELS, i.get("reason", "")),
            i["detail"],
        )
        for i in money["items"]
    ] or [(_("None this year."), "", "", "")]
    intro = _("%(count)s payments, %(total)s in all.", count=n(money["payments"]), total=pounds(money["total_pence"]))
    header = (_("Paid"), _("Amount"), _("Why"), _("What for"))
    return Section(
        "payments",
        _("Each payment"),
        paragraphs=(intro,),
        tables=(table_spec("table-payments", _("Payments made this year"), header, rows),),
    )


def _resolutions(data: dict) -> Section:
    table = table_spec(
        "table-resolutions",
        _("How complaints were put right"),
        (_("Resolution"), _("Complaints")),
        count_rows(data["resolutions"], lambda k: label(RESOLUTION_LABELS, k)),
    )
    return Section("resolutions", _("How complaints were put right"), tables=(table,))


def _action_rows(actions: list[dict]) -> list[tuple[str, ...]]:
    return [
        (
            a["description"],
            a["owner"] + (f" ({a['team']})" if a.get("team") else ""),
            a["due_on"] or "",
            label(ACTION_STATUS_LABELS, a["status"]),
            a.get("evidence") or "",
        )
        for a in actions
    ] or [(_("None."), "", "", "", "")]


def _progress(progress: Mapping[str, Any]) -> str:
    return ", ".join(f"{label(ACTION_STATUS_LABELS, k)}: {n(v)}" for k, v in progress.items())


def _actions(data: dict) -> Section:
    learning = data["learning"]
    header = (_("Action"), _("Owner"), _("Due"), _("Status"), _("Evidence"))
    this_year = table_spec("table-actions", _("Actions agreed this year"), header, _action_rows(learning["actions"]))
    last_year = table_spec(
        "table-actions-last-year",
        _("Last year's actions, and how they stand now"),
        header,
        _action_rows(learning["last_year"]["actions"]),
    )
    paragraphs = (
        _("This year's actions: %(progress)s.", progress=_progress(learning["progress"])),
        _("Last year's actions: %(progress)s.", progress=_progress(learning["last_year"]["progress"])),
    )
    bullets = tuple(p["text"] for p in learning["points"])
    return Section(
        "actions",
        _("What we learnt from complaints, and what we are doing"),
        paragraphs=paragraphs,
        tables=(this_year, last_year),
        bullets=bullets,
    )


def written_sections(data: dict, labels: Mapping[str, Any]) -> Section:
    """The LGSCO Code 8.1 written sections, each a heading and its paragraphs (or "Not written yet.")."""
    paragraphs: list[str] = []
    for key, text in data["written"].items():
        if key in ("learning", "service_improvements"):
            continue  # the page shows these two in its own sections
        paragraphs.append(str(labels.get(key, key)))
        written = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
        paragraphs.extend(written or [_("Not written yet.")])
    return Section(
        "code-8-1", _("The Ombudsman's Complaint Handling Code: our annual report (8.1)"), paragraphs=tuple(paragraphs)
    )


def extra_sections(data: dict, labels: Mapping[str, Any]) -> list[Section]:
    """The sections the HTML page adds after its own, in order."""
    return [
        _key_facts(data),
        _quarterly(data),
        _corporate(data),
        _refusals(data),
        _pauses(data),
        _ombudsman(data),
        _payments(data),
        _resolutions(data),
        _actions(data),
        written_sections(data, labels),
    ]


def narrative_section(id_: str, heading: str, text: str) -> Section:
    paragraphs = [p.strip() for p in (text or "").split("\n\n") if p.strip()]
    return Section(id_, heading, paragraphs=tuple(paragraphs) if paragraphs else (_("Not written yet."),))
