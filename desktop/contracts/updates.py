"""`update week`: the week's client update as JSON, each line with the records it came from."""

from __future__ import annotations

from typing import TypedDict

from storage.updates import Update


class SourceJson(TypedDict):
    kind: str  # time_entry, decision, milestone, deliverable, phase, risk, readiness_snapshot,
    id: int  # engagement (the week's figures, the readiness review) or sent_update


class LineJson(TypedDict):
    text: str
    group: str
    sources: list[SourceJson]


class SectionJson(TypedDict):
    key: str
    title: str
    lines: list[LineJson]


class FiguresJson(TypedDict):
    total_minutes: int
    committed_minutes: int
    week_committed_minutes: int
    standing: str
    actual_split: dict[str, int]
    target_split: dict[str, int]


class UpdateJson(TypedDict):
    engagement: int
    client: str
    title: str
    start: str
    end: str
    figures: FiguresJson | None
    sections: list[SectionJson]
    signature: list[str]
    markdown: str
    sent_on: str | None  # the day this week's update was kept as sent, if it was


def update_json(update: Update, text: str, sent_on: str | None) -> UpdateJson:
    f = update.figures
    figures: FiguresJson | None = (
        {
            "total_minutes": f.total_minutes,
            "committed_minutes": f.committed_minutes,
            "week_committed_minutes": f.week_committed_minutes,
            "standing": f.standing,
            "actual_split": f.actual_split,
            "target_split": f.target_split,
        }
        if f
        else None
    )
    return {
        "engagement": update.engagement_id,
        "client": update.client,
        "title": update.engagement_title,
        "start": update.week_start.isoformat(),
        "end": update.week_end.isoformat(),
        "figures": figures,
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "lines": [
                    {
                        "text": line.text,
                        "group": line.group,
                        "sources": [{"kind": src.kind, "id": src.id} for src in line.sources],
                    }
                    for line in s.lines
                ],
            }
            for s in update.sections
        ],
        "signature": list(update.signature),
        "markdown": text,
        "sent_on": sent_on,
    }
