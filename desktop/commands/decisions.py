"""`fractional-desk decisions list|export-madr|import-madr`: the decision log as a table or
stable JSON, searchable; as MADR files for the client's repository, and back."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.commands.common import (
    CommandError,
    add_format_option,
    open_db,
    practice_folder,
    print_json,
    print_table,
)
from exporters.errors import ExportError
from storage.decisions import (
    CATEGORIES,
    STATUSES,
    Decision,
    DecisionFilter,
    decision_list,
    flags_of,
    get_many,
    search,
)
from storage.practice import engagements
from storage.rules import NotFoundError, ValidationError
from storage.transfer import madr_import


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("decisions", help="the decision log")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="print decisions, newest first or best match first")
    listing.add_argument("--engagement", type=int, help="one engagement (its id); default all")
    listing.add_argument("--search", help="full-text search; results in rank order")
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--category", choices=CATEGORIES)
    add_format_option(listing)
    listing.set_defaults(func=run_list)
    out = actions.add_parser("export-madr", help="write the log as MADR files into a folder")
    out.add_argument("--engagement", type=int, required=True, metavar="ID")
    out.add_argument("--out", type=Path, required=True, metavar="DIR")
    out.add_argument(
        "--style",
        choices=("madr4", "nygard"),
        default="madr4",
        help="madr4: MADR 4 with front matter; nygard: as adr-tools writes and reads",
    )
    out.set_defaults(func=run_export_madr)
    back = actions.add_parser(
        "import-madr", help="add (or update) a folder of MADR, adr-tools or log4brains files"
    )
    back.add_argument("folder", type=Path, metavar="DIR")
    back.add_argument("--engagement", type=int, required=True, metavar="ID")
    back.set_defaults(func=run_import_madr)


def run_export_madr(args: argparse.Namespace) -> int:
    from exporters.madr import export_madr  # only this command pays for the exporter

    with open_db(args) as db:
        try:
            written = export_madr(db, args.engagement, args.out, args.style)
        except NotFoundError:
            raise CommandError(_no_engagement(args.engagement)) from None
        except ExportError as exc:
            raise CommandError(exc.message) from None
    print(f"Wrote {len(written) - 1} decisions and an index into {args.out}")
    return 0


def run_import_madr(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        try:
            result = madr_import.import_folder(
                db, practice_folder(args), args.folder, args.engagement
            )
        except NotFoundError:
            raise CommandError(_no_engagement(args.engagement)) from None
        except ValidationError as exc:
            raise CommandError(f"Nothing was imported: {exc.message}.") from None
        labels = decision_list.labels(db, result.ids)
    print(f"{madr_import.summary(result)}: {', '.join(labels[i] for i in result.ids)}")
    for name, reason in result.skipped:
        print(f"skipped {name}: {reason}")
    return 0


def _no_engagement(engagement_id: int) -> str:
    return f"There is no engagement {engagement_id} (fractional-desk engagements list shows them)."


def as_json(d: Decision, labels: dict[int, str], snippet: str | None) -> dict[str, Any]:
    """The stable JSON shape scripts rely on: never rename these keys."""
    return {
        "id": d.id,
        "engagement_id": d.engagement_id,
        "number": d.number_label,
        "title": d.title,
        "date": None if d.date_unknown else d.decided_on.isoformat(),
        "category": d.category,
        "status": d.status,
        "owner": d.owner,
        "review_by": d.review_by.isoformat() if d.review_by else None,
        "reversibility": d.reversibility,
        "cost_if_wrong_minor": d.cost_if_wrong_minor,
        "supersedes": labels.get(d.supersedes_id or 0),
        "superseded_by": labels.get(d.superseded_by_id or 0),
        "flags": list(flags_of(d)),
        "snippet": snippet,
    }


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        if args.engagement is not None:
            try:
                engagements.get(db, args.engagement)
            except NotFoundError as exc:
                raise CommandError(f"There is no engagement {args.engagement}.") from exc
        f = DecisionFilter(
            engagement_id=args.engagement, status=args.status, category=args.category
        )
        snippets: dict[int, str] = {}
        if args.search is not None:
            hits = search(db, args.search, f)
            snippets = {h.decision_id: h.marked("[", "]") for h in hits}
            found = get_many(db, [h.decision_id for h in hits])
        else:
            found = decision_list.list_decisions(db, f)
        links = [i for d in found for i in (d.supersedes_id, d.superseded_by_id) if i]
        labels = decision_list.labels(db, links)
    if args.format == "json":
        print_json([as_json(d, labels, snippets.get(d.id or 0)) for d in found])
        return 0
    _print(found, labels, snippets)
    return 0


def _print(found: list[Decision], labels: dict[int, str], snippets: dict[int, str]) -> None:
    headers = ["ID", "Eng.", "No.", "Date", "Title", "Category", "Status", "Owner", "Review by"]
    rows = [
        [
            d.id,
            d.engagement_id,
            d.number_label,
            d.date_label,
            _short(d.title),
            d.category,
            d.status + (f" by {labels[d.superseded_by_id]}" if d.superseded_by_id else ""),
            d.owner or "-",
            d.review_by or "",
        ]
        + ([_short(snippets.get(d.id or 0, ""), 60)] if snippets else [])
        for d in found
    ]
    print_table(headers + (["Match"] if snippets else []), rows)


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
