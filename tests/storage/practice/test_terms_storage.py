"""Engagement terms in storage: suggested phases, deliverables and phases saved with the
engagement in one transaction, every row checked before anything is written, and the undo state."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import threading
from pathlib import Path

import pytest
from sqlite_utils import Database

from desktop.cli import main
from storage import sample
from storage.file.practice import open_database
from storage.practice import clients, deliverables, engagements, phases
from storage.practice.clients import Client
from storage.practice.deliverables import Deliverable
from storage.practice.engagements import Engagement
from storage.practice.phases import Phase
from storage.rules.errors import ValidationError

START = dt.date(2026, 1, 5)


def _engagement(db: Database, role: str = "fractional_cto", **changes: object) -> Engagement:
    client = clients.add(db, Client(name=f"Acme {role}"))
    values: dict[str, object] = {
        "client_id": client.id or 0, "title": "Fractional CTO", "role": role,
        "start_date": START, "planned_end_date": dt.date(2026, 12, 18), "status": "active",
    }  # fmt: skip
    values.update(changes)
    return engagements.add(db, Engagement(**values))  # type: ignore[arg-type]


def _covers(found: list[Phase], first: dt.date, last: dt.date) -> None:
    """Back to back from `first` to `last`: no gap, no overlap, none empty."""
    assert found[0].starts_on == first
    assert found[-1].ends_on == last
    for before, after in itertools.pairwise(found):
        assert after.starts_on == before.ends_on + dt.timedelta(days=1)
    assert all(p.ends_on >= p.starts_on for p in found)


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("fractional_cto", ["Audit and architecture", "Build and ship", "Transition"]),
        ("fractional_ai_cto", ["Discovery and evaluation", "Pilots with go/no-go gates",
                               "Scale and handover"]),
        ("fractional_ai_officer", ["Discovery and evaluation", "Pilots with go/no-go gates",
                                   "Scale and handover"]),
        ("advisor", ["Advisory"]),
    ],
)  # fmt: skip
def test_suggested_phases_follow_the_role_and_cover_the_dates(role: str, names: list[str]) -> None:
    e = Engagement(1, "T", START, role=role, planned_end_date=dt.date(2026, 12, 18))
    found = phases.suggested(e)
    assert [p.name for p in found] == names
    _covers(found, START, dt.date(2026, 12, 18))
    assert all(p.goals for p in found)


def test_the_audit_is_two_weeks_and_the_transition_the_last_eight() -> None:
    found = phases.suggested(Engagement(1, "T", START, planned_end_date=dt.date(2026, 12, 18)))
    assert (found[0].starts_on, found[0].ends_on) == (START, dt.date(2026, 1, 18))
    assert (found[2].starts_on, found[2].ends_on) == (dt.date(2026, 10, 24), dt.date(2026, 12, 18))
    assert "60-90 day roadmap" in found[0].goals
    ai = phases.suggested(Engagement(1, "T", START, "fractional_ai_cto", dt.date(2026, 12, 18)))
    assert ai[0].ends_on == dt.date(2026, 2, 1)  # four weeks of discovery and evaluation


@pytest.mark.parametrize("days", [1, 2, 3, 6, 7, 20, 30, 85, 86, 400, 1000])
def test_any_length_is_covered_without_gap_or_overlap(days: int) -> None:
    end = START + dt.timedelta(days=days - 1)
    for role in engagements.ROLES:
        found = phases.suggested(Engagement(1, "T", START, role=role, planned_end_date=end))
        _covers(found, START, end)
        assert sum((p.ends_on - p.starts_on).days + 1 for p in found) == days


def test_an_open_ended_engagement_is_planned_over_a_year() -> None:
    found = phases.suggested(Engagement(1, "T", dt.date(2028, 2, 29)))
    _covers(found, dt.date(2028, 2, 29), dt.date(2029, 2, 27))


def test_rows_are_saved_with_the_engagement(db: Database) -> None:
    e = _engagement(db)
    items = [Deliverable(0, "Roadmap", "Signed off by the CEO", dt.date(2026, 1, 19)),
             Deliverable(0, "Handoff")]  # fmt: skip
    saved = engagements.save(
        db, dataclasses.replace(e, notice_days=28), deliverables=items,
        phases=phases.suggested(e),
    )  # fmt: skip
    assert saved.notice_days == 28
    stored = deliverables.list_for(db, e.id or 0)
    assert [(d.title, d.acceptance, d.due_on, d.position) for d in stored] == [
        ("Roadmap", "Signed off by the CEO", dt.date(2026, 1, 19), 0), ("Handoff", "", None, 1),
    ]  # fmt: skip
    assert next(p.name for p in phases.list_for(db, e.id or 0)) == "Audit and architecture"
    engagements.save(db, saved)  # None: the rows stay as they are
    assert len(deliverables.list_for(db, e.id or 0)) == 2


def test_a_new_engagement_gets_its_rows(db: Database) -> None:
    client = clients.add(db, Client(name="Verde"))
    new = engagements.new_for_client(client.id or 0)
    saved = engagements.save(db, new, deliverables=[Deliverable(0, "Roadmap")],
                             phases=phases.suggested(new))  # fmt: skip
    assert [d.engagement_id for d in deliverables.list_for(db, saved.id or 0)] == [saved.id]
    assert len(phases.list_for(db, saved.id or 0)) == 3


def test_a_phase_ending_before_it_starts_is_refused_and_nothing_is_written(db: Database) -> None:
    e = _engagement(db)
    engagements.save(db, e, deliverables=[Deliverable(0, "Kept")])
    bad = [Phase(0, "Audit", START, dt.date(2026, 1, 18)),
           Phase(0, "Build", dt.date(2026, 3, 1), dt.date(2026, 2, 1))]  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        engagements.save(
            db, dataclasses.replace(e, title="Changed"),
            deliverables=[Deliverable(0, "New")], phases=bad,
        )  # fmt: skip
    assert caught.value.field == "phases"
    assert caught.value.message == "Phase 2 (“Build”): its end must not be before the phase starts"
    assert engagements.get(db, e.id or 0).title == "Fractional CTO"
    assert [d.title for d in deliverables.list_for(db, e.id or 0)] == ["Kept"]
    assert phases.list_for(db, e.id or 0) == []


def test_a_blank_deliverable_title_is_named_by_its_place(db: Database) -> None:
    e = _engagement(db)
    with pytest.raises(ValidationError) as caught:
        engagements.save(db, e, deliverables=[Deliverable(0, "A"), Deliverable(0, " \n ")])
    assert (caught.value.field, caught.value.message) == (
        "deliverables", "Deliverable 2: its title is required",
    )  # fmt: skip


def test_a_terms_error_names_its_field(db: Database) -> None:
    e = _engagement(db)
    with pytest.raises(ValidationError) as caught:
        engagements.save(db, dataclasses.replace(e, notice_days=400), deliverables=[])
    assert caught.value.field == "notice_days"


def test_a_bad_row_put_in_with_plain_sql_still_lists_and_is_replaced(db: Database) -> None:
    """Another tool wrote a phase whose end is before its start: it shows, and a save replaces it."""
    e = _engagement(db)
    db.execute("PRAGMA ignore_check_constraints = ON")
    db.execute(
        "INSERT INTO phase (engagement_id, position, name, starts_on, ends_on) "
        "VALUES (?, 0, 'Odd', '2026-05-01', '2026-04-01')",
        [e.id],
    )
    db.execute("PRAGMA ignore_check_constraints = OFF")
    assert [p.name for p in phases.list_for(db, e.id or 0)] == ["Odd"]
    engagements.save(db, e, phases=phases.suggested(e))
    assert "Odd" not in [p.name for p in phases.list_for(db, e.id or 0)]


def test_restoring_a_state_puts_back_rows_and_periods(db: Database) -> None:
    e = _engagement(db)
    engagements.save(db, e, deliverables=[Deliverable(0, "First")], phases=phases.suggested(e))
    before = engagements.saved_state(db, engagements.get(db, e.id or 0))
    engagements.save(db, dataclasses.replace(e, title="Later"), deliverables=[], phases=[])
    engagements.restore_state(db, before)
    assert engagements.get(db, e.id or 0).title == "Fractional CTO"
    assert [d.title for d in deliverables.list_for(db, e.id or 0)] == ["First"]
    assert len(phases.list_for(db, e.id or 0)) == 3


def test_two_writers_saving_rows_leave_one_whole_set(db: Database, data_dir: object) -> None:
    """Each save is one transaction: two processes' saves never interleave their rows."""
    e = _engagement(db)
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    problems: list[BaseException] = []

    def write(title: str) -> None:
        other = open_database(path)
        try:
            for n in range(15):
                items = [Deliverable(0, f"{title} {n}.{i}") for i in range(4)]
                engagements.save(other, engagements.get(other, e.id or 0), deliverables=items)
        except BaseException as exc:
            problems.append(exc)
        finally:
            other.close()

    threads = [threading.Thread(target=write, args=(t,)) for t in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert problems == []
    titles = [d.title for d in deliverables.list_for(db, e.id or 0)]
    assert len(titles) == 4
    assert len({t.rsplit(".", 1)[0] for t in titles}) == 1


def test_engagements_list_json_carries_terms_legal_details_and_rows(
    db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    e = _engagement(db)
    client = clients.get(db, e.client_id)
    clients.update(db, dataclasses.replace(
        client, legal_name="Acme Robotics Ltd", address="12 Hatton Garden\nLondon",
        tax_id="GB 284 1937 56", signatory_name="Maya Okafor", signatory_title="CEO",
    ))  # fmt: skip
    engagements.save(
        db, dataclasses.replace(e, payment_terms_days=14, notice_days=28, heavy_rate_minor=70_000),
        deliverables=[Deliverable(0, "Roadmap", "CEO signs off", dt.date(2026, 1, 19))],
        phases=[Phase(0, "Audit", START, dt.date(2026, 1, 18), "Read")],
    )  # fmt: skip
    assert main(["engagements", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)[0]
    assert listed["title"] == "Fractional CTO"  # the keys scripts already read are kept
    assert listed["terms"] == {
        "payment_terms_days": 14, "invoicing_cadence": "", "expenses_policy": "",
        "notice_days": 28, "minimum_term_months": None, "heavy_rate_minor": 70_000,
        "confidentiality": "", "ip_terms": "", "disclosures": "", "governing_law": "",
        "liability_text": "", "data_protection_text": "", "insurance_text": "",
        "status_text": "", "non_solicitation_text": "", "entire_agreement_text": "",
        "personal_data": False, "data_categories": "", "sub_processors": "",
        "included_minutes": None, "overage_rate_minor": None, "rollover_minutes": 0,
    }  # fmt: skip
    assert listed["client_legal"] == {
        "legal_name": "Acme Robotics Ltd", "address": "12 Hatton Garden\nLondon",
        "tax_id": "GB 284 1937 56", "signatory_name": "Maya Okafor", "signatory_title": "CEO",
    }  # fmt: skip
    assert listed["deliverables"] == [
        {"title": "Roadmap", "acceptance": "CEO signs off", "due_on": "2026-01-19"}
    ]
    assert listed["phases"] == [
        {"name": "Audit", "starts_on": "2026-01-05", "ends_on": "2026-01-18", "goals": "Read"}
    ]


def test_the_sample_practice_has_terms_for_every_client_and_engagement(db: Database) -> None:
    sample.generate(db, sample.SampleOptions(as_of=dt.date(2026, 3, 16)))
    for client in clients.list_all(db):
        assert client.legal_name.startswith(client.name)
        assert client.address
        assert client.tax_id
        assert (client.signatory_name, client.signatory_title) == (client.contact_name, client.role)
    for e in engagements.list_all(db):
        assert e.notice_days == 30
        fixed = e.billing_model == "fixed_fee"  # billed on its instalment dates
        assert e.invoicing_cadence == ("per_instalment" if fixed else "monthly_in_advance")
        assert e.heavy_rate_minor
        assert e.heavy_rate_minor % 5_000 == 0
        found = deliverables.list_for(db, e.id or 0)
        assert found
        assert all(d.acceptance for d in found)
        assert all(d.due_on is None or e.start_date <= d.due_on for d in found)
        assert found[-1].title == "Handoff document"
        assert e.planned_end_date is not None
        _covers(phases.list_for(db, e.id or 0), e.start_date, e.planned_end_date)


def test_a_deliverable_or_phase_another_tool_broke_is_left_out_of_the_scope_of_work(
    db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A due date `2026-02-30` or a phase start `soon` written by plain SQL: the scope of work
    still exports without that row, and `check` names it."""
    import docx

    from exporters import documents
    from tests.storage.file.test_tolerant_reads import plant

    e = _engagement(db)
    deliverables.replace_for(db, e.id or 0, [Deliverable(0, "Kept"), Deliverable(0, "Broken")])
    phases.replace_for(db, e.id or 0, [Phase(0, "Audit", START, START + dt.timedelta(days=13))])
    plant(db, "UPDATE deliverable SET due_on = '2026-02-30' WHERE title = 'Broken'")
    plant(db, "UPDATE phase SET starts_on = 'soon'")
    assert [d.title for d in deliverables.list_for(db, e.id or 0)] == ["Kept"]
    assert phases.list_for(db, e.id or 0) == []
    out = documents.export(db, "sow", e.id or 0, tmp_path / "sow.docx")
    written = docx.Document(str(out))
    cells = [c.text for t in written.tables for row in t.rows for c in row.cells]
    text = "\n".join([*(p.text for p in written.paragraphs), *cells])
    assert "Kept" in text
    assert "Broken" not in text
    assert main(["check", "--format", "json"]) == 1
    found = {(p["table"], p["column"]) for p in json.loads(capsys.readouterr().out)}
    assert found == {("deliverable", "due_on"), ("phase", "starts_on")}
