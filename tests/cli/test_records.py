"""Every record from a shell: each NOUN VERB command writes through the window's own use-case,
prints the record (its id first in a table), and refuses bad input with exit 1, one line and
nothing changed; a refusal that needs an id names the list that shows them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlite_utils import Database

from storage.decisions import decision_changes
from storage.exit_plan import milestones
from storage.practice import clients, engagement_changes, engagements, load_profile
from storage.time import time_entries
from tests.cli.walk import run_cli


def _json(data_dir: Path, *words: str) -> object:
    code, out, err = run_cli(data_dir, *words, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_a_client_added_edited_and_archived(sample_dir: Path, db: Database) -> None:
    code, out, _ = run_cli(sample_dir, "clients", "add", "--name", "Nova Labs", "--fit-critical")
    assert code == 0
    assert out.splitlines()[2].split() == ["id", "2"]  # the id first, under the header
    edited = _json(sample_dir, "clients", "edit", "2", "--email", "cto@nova.example")
    assert edited == {**edited, "name": "Nova Labs", "email": "cto@nova.example",
                      "fit_critical": True}  # fmt: skip
    assert clients.get(db, 2).email == "cto@nova.example"
    _json(sample_dir, "clients", "archive", "2")
    assert [c["id"] for c in _json(sample_dir, "clients", "list")] == [1]  # type: ignore[union-attr]
    assert [c["id"] for c in _json(sample_dir, "clients", "list", "--archived")] == [1, 2]  # type: ignore[union-attr]
    assert _json(sample_dir, "clients", "archive", "2", "--undo")["archived"] is False  # type: ignore[index]


def test_a_client_refused_by_the_window_s_rule_changes_nothing(
    sample_dir: Path, db: Database
) -> None:
    code, out, err = run_cli(sample_dir, "clients", "add", "--name", "Acme Robotics")
    assert code == 1
    assert out == ""
    assert err == "fractional-desk: name: a client called “Acme Robotics” already exists\n"
    code, _, err = run_cli(sample_dir, "clients", "edit", "1", "--email", "not an address")
    assert code == 1
    assert err.startswith("fractional-desk: email: ")
    assert len(clients.list_all(db)) == 1
    assert clients.get(db, 1).email == ""


def test_an_unknown_id_names_the_list_that_shows_them(sample_dir: Path) -> None:
    cases = {
        ("clients", "show", "9"): "There is no client 9 (`fractional-desk clients list` shows them).",
        ("engagements", "edit", "9", "--title", "x"): "There is no engagement 9 (`fractional-desk engagements list` shows them).",
        ("decisions", "show", "9"): "There is no decision 9 (`fractional-desk decisions list` shows them).",
        ("log", "delete", "9"): "There is no time entry 9 (`fractional-desk log list --week WEEK` shows them).",
        ("exit", "milestone", "done", "9"): "There is no milestone 9 (`fractional-desk exit plan --engagement ID` shows them).",
        ("exit", "risk", "edit", "9", "--owner", "x"): "There is no risk 9 (`fractional-desk exit plan --engagement ID` shows them).",
        ("engagements", "add", "--client", "9", "--title", "x"): "There is no client 9 (`fractional-desk clients list` shows them).",
    }  # fmt: skip
    for words, said in cases.items():
        code, _, err = run_cli(sample_dir, *words)
        assert (code, err) == (1, f"fractional-desk: {said}\n"), words


def test_an_engagement_with_its_terms_deliverables_and_phases(
    sample_dir: Path, db: Database
) -> None:
    shown = _json(sample_dir, "engagements", "add", "--client", "1", "--title", "AI pilot",
                  "--role", "fractional_ai_cto", "--start-date", "2026-02-02",
                  "--planned-end-date", "2026-07-31", "--split", "60/20/20",
                  "--billing-model", "daily", "--fee-minor", "90000", "--currency", "EUR",
                  "--notice-days", "30",
                  "--deliverable", "Evaluation plan|Signed off by the CEO|2026-02-27",
                  "--suggested-phases")  # fmt: skip
    assert isinstance(shown, dict)
    assert shown["target_split"] == {"strategy": 60, "team": 20, "leadership": 20}
    assert shown["terms"]["notice_days"] == 30
    assert shown["deliverables"] == [
        {"title": "Evaluation plan", "acceptance": "Signed off by the CEO", "due_on": "2026-02-27"}
    ]
    assert shown["phases"][0]["starts_on"] == "2026-02-02"
    assert shown["phases"][-1]["ends_on"] == "2026-07-31"
    state = engagement_changes.stored_state(db, shown["id"])
    assert len(state.phases) == len(shown["phases"])
    edited = _json(sample_dir, "engagements", "edit", str(shown["id"]), "--title", "AI pilot 2",
                   "--phase", "Pilot|2026-02-02|2026-07-31|Go or no-go")  # fmt: skip
    assert edited["title"] == "AI pilot 2"  # type: ignore[index]
    assert edited["deliverables"] == shown["deliverables"]  # type: ignore[index]
    assert [p["name"] for p in edited["phases"]] == ["Pilot"]  # type: ignore[index]


def test_an_engagement_refused_as_the_editor_refuses_it(sample_dir: Path, db: Database) -> None:
    before = engagement_changes.stored_state(db, 1)
    for words, said in {
        ("--split", "50/30/30"): "split_strategy: the target split must add up to 100% (it is 110%)",
        ("--planned-end-date", "2025-01-01"): "planned_end_date: must not be before the start date",
        ("--split", "half"): "--split: “half” is not three whole percentages such as 50/30/20 "
                             "(strategy/team/leadership).",
        ("--phase", "Audit|2026-01-05"): "--phase: “Audit|2026-01-05” needs a name, a first and "
                                         "a last day: NAME|START|END|GOALS.",
    }.items():  # fmt: skip
        code, out, err = run_cli(sample_dir, "engagements", "edit", "1", *words)
        assert (code, out, err) == (1, "", f"fractional-desk: {said}\n")
    assert engagement_changes.same(engagement_changes.stored_state(db, 1), before)


def test_decisions_added_edited_and_superseded(sample_dir: Path, db: Database) -> None:
    first = _json(sample_dir, "decisions", "add", "--engagement", "1", "--title", "Postgres",
                  "--status", "accepted", "--owner", "Maya", "--decided-on", "2026-02-02",
                  "--option", "Postgres|known|", "--option", "MongoDB||another store")  # fmt: skip
    assert isinstance(first, dict)
    assert first["number"] == "D-001"
    assert [o["name"] for o in first["options"]] == ["Postgres", "MongoDB"]
    assert first["history"] == [
        {"status": "accepted", "changed_on": first["history"][0]["changed_on"]}
    ]
    _json(sample_dir, "decisions", "edit", "1", "--review-by", "2026-09-01")
    assert decision_changes.read(db, 1).decision.review_by is not None
    new = _json(sample_dir, "decisions", "supersede", "1", "--title", "Aurora Postgres")
    assert new["supersedes"] == "D-001"  # type: ignore[index]
    assert new["owner"] == "Maya"  # type: ignore[index]  # the replacement starts from the old
    old = _json(sample_dir, "decisions", "show", "1")
    assert old["status"] == "superseded"  # type: ignore[index]
    assert old["superseded_by"] == "D-002"  # type: ignore[index]
    code, _, err = run_cli(sample_dir, "decisions", "supersede", "1", "--title", "Again")
    assert code == 1
    assert "fractional-desk: " in err
    assert len(decision_changes.read(db, 2).history) == 1


def test_the_exit_plan_from_a_shell(sample_dir: Path, db: Database) -> None:
    added = _json(sample_dir, "exit", "milestone", "add", "--engagement", "1", "--title",
                  "CTO hired", "--due-date", "2026-11-30", "--owner", "Maya")  # fmt: skip
    assert added["status"] == "planned"  # type: ignore[index]
    done = _json(sample_dir, "exit", "milestone", "done", "1", "--on", "2026-03-01")
    assert (done["status"], done["done_date"]) == ("done", "2026-03-01")  # type: ignore[index]
    assert milestones.get(db, 1).status == "done"
    _json(sample_dir, "exit", "successor", "add", "--engagement", "1", "--duty", "On-call",
          "--successor", "Sam")  # fmt: skip
    _json(sample_dir, "exit", "successor", "edit", "1", "--stage", "owns")
    plan = _json(sample_dir, "exit", "plan", "--engagement", "1")
    assert plan["successors"][0]["stage"] == "owns"  # type: ignore[index]
    code, _, err = run_cli(sample_dir, "exit", "milestone", "edit", "1", "--weight", "9")
    assert (code, err) == (1, "fractional-desk: weight: must be between 1 and 5\n")
    assert milestones.get(db, 1).weight == 3


def test_prefs_get_and_set(sample_dir: Path, db: Database) -> None:
    shown = _json(sample_dir, "prefs", "set", "--capacity-days-per-week", "4.5",
                  "--default-hours-per-day", "7.5", "--tax-rate-bp", "2000")  # fmt: skip
    assert shown["capacity_days_per_week"] == 4.5  # type: ignore[index]
    assert load_profile(db).tax_rate_bp == 2000
    code, out, _ = run_cli(sample_dir, "prefs", "get", "default_hours_per_day")
    assert (code, out) == (0, "7.5\n")
    new = _json(sample_dir, "engagements", "add", "--client", "1", "--title", "Second")
    assert new["hours_per_day"] == 7.5  # type: ignore[index]  # a new engagement's working day
    code, _, err = run_cli(sample_dir, "prefs", "set", "--capacity-days-per-week", "9")
    assert (code, err) == (
        1,
        "fractional-desk: capacity_days_per_week: must be between 0.5 and 7\n",
    )
    assert load_profile(db).capacity_days_per_week == 4.5


def test_log_list_edit_and_delete(sample_dir: Path, db: Database) -> None:
    code, out, _ = run_cli(sample_dir, "log", "--engagement", "1", "--date", "2026-03-02",
                           "--bucket", "team", "--minutes", "60", "--note", "1:1s")  # fmt: skip
    entry_id = int(out)
    listed = _json(sample_dir, "log", "list", "--week", "2026-W10")
    assert listed == [{"id": entry_id, "engagement_id": 1, "date": "2026-03-02",
                       "bucket": "team", "minutes": 60, "note": "1:1s", "out_of_scope": False,
                       "ask": False}]  # fmt: skip
    assert _json(sample_dir, "log", "list", "--week", "2026-W11") == []
    edited = _json(sample_dir, "log", "edit", str(entry_id), "--minutes", "90")
    assert edited["minutes"] == 90  # type: ignore[index]
    code, _, err = run_cli(sample_dir, "log", "edit", str(entry_id), "--minutes", "2000")
    assert (code, err) == (1, "fractional-desk: minutes: must be between 1 and 1,440\n")
    assert time_entries.get(db, entry_id).minutes == 90
    marked = _json(sample_dir, "log", "edit", str(entry_id), "--out-of-scope", "--ask")
    assert (marked["out_of_scope"], marked["ask"]) == (True, True)  # type: ignore[index]
    unmarked = _json(sample_dir, "log", "edit", str(entry_id), "--no-ask")
    assert (unmarked["out_of_scope"], unmarked["ask"]) == (True, False)  # type: ignore[index]
    stored = time_entries.get(db, entry_id)
    assert (stored.out_of_scope, stored.ask, stored.minutes) == (True, False, 90)
    _json(sample_dir, "log", "delete", str(entry_id))
    assert _json(sample_dir, "log", "list", "--week", "2026-W10") == []


def test_log_without_what_it_needs_is_a_usage_error(sample_dir: Path) -> None:
    code, _, err = run_cli(sample_dir, "log", "--engagement", "1")
    assert code == 2
    assert "the following arguments are required: --bucket, --minutes" in err


LISTS = [["clients", "list"], ["engagements", "list"], ["decisions", "list"],
         ["log", "list", "--week", "2026-W10"]]  # fmt: skip


@pytest.mark.parametrize("words", LISTS, ids=" ".join)
def test_every_list_shows_ids_first(sample_dir: Path, words: list[str]) -> None:
    for argv in (
        ["log", "--engagement", "1", "--date", "2026-03-02", "--bucket", "team", "--minutes", "60"],
        ["decisions", "add", "--engagement", "1", "--title", "Postgres"],
    ):
        assert run_cli(sample_dir, *argv)[0] == 0
    table = run_cli(sample_dir, *words)[1].splitlines()
    assert table[0].split()[0] == "ID"
    assert table[2].split()[0] == "1"
    listed = _json(sample_dir, *words)
    assert isinstance(listed, list)
    assert next(iter(listed[0])) == "id"
    csv_lines = run_cli(sample_dir, *words, "--format", "csv")[1].splitlines()
    assert csv_lines[0].startswith("id,")
    assert csv_lines[1].startswith("1,")


def test_a_letterhead_is_checked_as_preferences_checks_it(
    sample_dir: Path, db: Database, tmp_path: Path
) -> None:
    not_word = tmp_path / "letterhead.docx"
    not_word.write_text("not a Word document", encoding="utf-8")
    code, out, err = run_cli(sample_dir, "prefs", "set", "--letterhead-path", str(not_word))
    assert (code, out) == (1, "")
    assert err.startswith("fractional-desk: letterhead_path: ")
    assert load_profile(db).letterhead_path == ""
    code, _, _ = run_cli(sample_dir, "prefs", "set", "--letterhead-path", "")
    assert code == 0


def test_a_retainer_s_terms_from_a_shell(sample_dir: Path, db: Database) -> None:
    edited = _json(sample_dir, "engagements", "edit", "1", "--billing-model", "monthly_retainer",
                   "--fee-minor", "500000", "--included-minutes", "1200",
                   "--overage-rate-minor", "15000", "--rollover-minutes", "240")  # fmt: skip
    assert edited["terms"]["included_minutes"] == 1200  # type: ignore[index]
    assert edited["terms"]["overage_rate_minor"] == 15000  # type: ignore[index]
    assert edited["terms"]["rollover_minutes"] == 240  # type: ignore[index]
    stored = engagements.get(db, 1)
    assert (stored.included_minutes, stored.overage_rate_minor, stored.rollover_minutes) == (
        1200, 15000, 240,
    )  # fmt: skip


def test_a_client_s_tax_and_the_money_preferences_from_a_shell(
    sample_dir: Path, db: Database
) -> None:
    """The tax by client and the reminder, money and clause preferences are set from a shell
    through the same rules as the window: a VAT number that does not fit its country is refused."""
    shown = _json(sample_dir, "prefs", "set", "--country", "GB", "--base-rate-bp", "475",
                  "--credit-note-number-format", "CN{number:05d}")  # fmt: skip
    assert (shown["country"], shown["base_rate_bp"]) == ("GB", 475)  # type: ignore[index]
    profile = load_profile(db)
    assert (profile.base_rate_bp, profile.credit_note_number_format) == (475, "CN{number:05d}")
    client = _json(sample_dir, "clients", "edit", "1", "--country", "FR",
                   "--tax-id", "FR 12 345678901", "--tax-treatment", "reverse_charge")  # fmt: skip
    assert (client["country"], client["tax_treatment"]) == ("FR", "reverse_charge")  # type: ignore[index]
    assert clients.get(db, 1).tax_treatment == "reverse_charge"
    code, _, err = run_cli(sample_dir, "clients", "edit", "1", "--tax-id", "FR 12")
    assert (code, err.count("\n")) == (1, 1), err
    assert clients.get(db, 1).tax_id == "FR 12 345678901"
