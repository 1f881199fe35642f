"""Signals of scope creep: what the records say about an engagement drifting past its scope.

Five kinds, each naming its evidence (the weeks, the entries and the words), over the four weeks
ending with the week asked about:
- `over_commitment`: time above the commitment (`storage.time`'s "over", the one rule) two
  weeks in a row, or in three of the four;
- `marked_out_of_scope`: entries the consultant marked out of scope;
- `note_matches_scope`: notes that match an item of the "out of scope" list: a suggestion only,
  never a flag the consultant did not confirm (a marked entry is not suggested again);
- `unplanned_bucket`: time in a bucket the scope gives 0% of the split (hands-on team time where
  the scope is all strategy);
- `deliverable_past_due`: a deliverable past its due date with time still going into it (entries
  after that date whose note names it).

The Time, Portfolio and Clients tabs and `report week` all read `for_engagements`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storage.practice import deliverables
from storage.practice.engagements import Engagement
from storage.rules.durations import format_minutes
from storage.rules.record import Record
from storage.rules.vocabulary import BUCKETS
from storage.rules.weeks import Week
from storage.scope import scope_words
from storage.time import week_report
from storage.time.time_entries import SOUND

if TYPE_CHECKING:
    from sqlite_utils import Database

WEEKS = 4
KINDS = {
    "over_commitment": "Over the commitment",
    "marked_out_of_scope": "Marked out of scope",
    "note_matches_scope": "Notes that match the out-of-scope list",
    "unplanned_bucket": "Time in a bucket the scope does not provide for",
    "deliverable_past_due": "Deliverable past due, time still going in",
}
SUGGESTIONS = ("note_matches_scope",)  # shown to confirm, never counted as a flag


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class Signal(Record):
    """One signal of scope creep on an engagement, with the evidence that raised it."""

    engagement_id: int
    kind: str
    summary: str  # one line: what the signal is, with its figures
    evidence: tuple[str, ...] = ()  # one line per week, entry or word
    weeks: tuple[str, ...] = ()  # ISO weeks, such as 2026-W47
    entry_ids: tuple[int, ...] = ()
    words: tuple[str, ...] = field(default=())

    @property
    def suggestion(self) -> bool:
        return self.kind in SUGGESTIONS

    @property
    def label(self) -> str:
        return KINDS[self.kind]

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "summary": self.summary,
            "suggestion": self.suggestion,
            "evidence": list(self.evidence),
            "weeks": list(self.weeks),
            "entry_ids": list(self.entry_ids),
            "words": list(self.words),
        }


@dataclass(frozen=True, eq=False, repr=False)  # == and repr: `Record`'s
class _Entry(Record):
    """A time entry as the signals read it."""

    id: int
    day: dt.date
    bucket: str
    minutes: int
    note: str
    out_of_scope: bool

    @property
    def line(self) -> str:
        note = f": {self.note.splitlines()[0][:80]}" if self.note.strip() else ""
        return f"{self.day.isoformat()} {self.bucket} {format_minutes(self.minutes)}{note}"


def window(week: Week) -> list[Week]:
    """The four weeks ending with `week`, oldest first (fewer at the start of the calendar)."""
    found = []
    for n in range(1 - WEEKS, 1):
        try:
            found.append(week.shifted(n))
        except (OverflowError, ValueError):  # before the first week of year 1
            continue
    return found


def for_engagements(db: Database, shown: Sequence[Engagement], week: Week) -> list[Signal]:
    """Every signal of the engagements shown, over the four weeks ending with `week`."""
    weeks = window(week)
    overs = _over_weeks(db, shown, weeks)
    found: list[Signal] = []
    for e in shown:
        entries = _entries(db, e.id or 0, weeks[0].start, weeks[-1].end)
        found += _over(e, overs.get(e.id or 0, []), weeks)
        found += _marked(e, entries)
        found += _suggested(e, entries)
        found += _unplanned(e, entries)
        found += _past_due(db, e, entries)
    return found


def for_engagement(db: Database, e: Engagement, week: Week) -> list[Signal]:
    return for_engagements(db, [e], week)


def flagged(found: Sequence[Signal]) -> list[Signal]:
    """The signals that are flags (not suggestions)."""
    return [s for s in found if not s.suggestion]


def _over_weeks(
    db: Database, shown: Sequence[Engagement], weeks: Sequence[Week]
) -> dict[int, list[tuple[Week, week_report.Commitment]]]:
    found: dict[int, list[tuple[Week, week_report.Commitment]]] = {}
    for week in weeks:
        for c in week_report.week_commitments(db, shown, week):
            if c.flag == "over":
                found.setdefault(c.engagement.id or 0, []).append((week, c))
    return found


def _over(
    e: Engagement, overs: list[tuple[Week, week_report.Commitment]], weeks: Sequence[Week]
) -> list[Signal]:
    labels = {w.label for w, _ in overs}
    flags = [w.label in labels for w in weeks]
    in_a_row = any(a and b for a, b in itertools.pairwise(flags))
    if not (in_a_row or sum(flags) >= 3):
        return []
    evidence = tuple(
        f"{w.label}: {format_minutes(c.so_far_minutes)} logged against "
        f"{format_minutes(c.committed_minutes)} committed"
        for w, c in overs
    )
    summary = f"Over the commitment in {len(overs)} of the last {WEEKS} weeks"
    return [Signal(e.id or 0, "over_commitment", summary, evidence, weeks=tuple(sorted(labels)))]


def _entries(db: Database, engagement_id: int, first: dt.date, last: dt.date) -> list[_Entry]:
    sql = (
        "SELECT id, day, bucket, minutes, note, out_of_scope FROM time_entry "
        f"WHERE engagement_id = ? AND day BETWEEN ? AND ? AND {SOUND} ORDER BY day, id"
    )
    return [
        _Entry(int(i), dt.date.fromisoformat(day), bucket, int(m), note or "", bool(marked))
        for i, day, bucket, m, note, marked in db.execute(
            sql, [engagement_id, first.isoformat(), last.isoformat()]
        )
    ]


def _entry_signal(e: Engagement, kind: str, summary: str, found: Sequence[_Entry]) -> Signal:
    return Signal(
        e.id or 0,
        kind,
        summary,
        tuple(x.line for x in found),
        entry_ids=tuple(x.id for x in found),
    )


def _total(found: Sequence[_Entry]) -> str:
    return format_minutes(sum(x.minutes for x in found))


def _marked(e: Engagement, entries: Sequence[_Entry]) -> list[Signal]:
    found = [x for x in entries if x.out_of_scope]
    if not found:
        return []
    summary = f"{_total(found)} marked out of scope in {len(found)} entries"
    return [_entry_signal(e, "marked_out_of_scope", summary, found)]


def _suggested(e: Engagement, entries: Sequence[_Entry]) -> list[Signal]:
    found, words, lines = [], [], []
    for x in entries:
        matched = [] if x.out_of_scope else scope_words.matches(x.note, e.out_of_scope)
        if matched:
            found.append(x)
            said = [w for m in matched for w in m.words]
            words += [w for w in said if w not in words]
            lines.append(f"{x.line} (out of scope: {_short(matched[0].item)})")
    if not found:
        return []
    summary = f"{len(found)} notes match the out-of-scope list: mark them if they are"
    return [
        Signal(
            e.id or 0,
            "note_matches_scope",
            summary,
            tuple(lines),
            entry_ids=tuple(x.id for x in found),
            words=tuple(words),
        )
    ]


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _unplanned(e: Engagement, entries: Sequence[_Entry]) -> list[Signal]:
    found: list[Signal] = []
    for bucket in BUCKETS:
        if e.target_split[bucket] != 0:
            continue
        spent = [x for x in entries if x.bucket == bucket]
        if spent:
            summary = f"{_total(spent)} of {bucket} time, where the scope plans 0% {bucket}"
            found.append(_entry_signal(e, "unplanned_bucket", summary, spent))
    return found


def _past_due(db: Database, e: Engagement, entries: Sequence[_Entry]) -> list[Signal]:
    found: list[Signal] = []
    for d in deliverables.list_for(db, e.id or 0):
        if d.due_on is None:
            continue
        late = [x for x in entries if x.day > d.due_on and _names(x.note, d.title)]
        if late:
            summary = (
                f"“{d.title}” was due {d.due_on.isoformat()}; {_total(late)} went into it since"
            )
            signal = _entry_signal(e, "deliverable_past_due", summary, late)
            found.append(dataclasses.replace(signal, words=(d.title,)))
    return found


def _names(note: str, title: str) -> bool:
    """Whether a note names a deliverable: its whole title, or two of its significant words."""
    return title.casefold() in note.casefold() or bool(scope_words.matches(note, title))
