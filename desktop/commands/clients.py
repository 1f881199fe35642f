"""`fractional-desk clients list|show|add|edit|archive`: clients from a shell, written through
the same storage use-cases as the Clients tab (one rule, one error, one message)."""

from __future__ import annotations

import argparse

from desktop.commands.common import open_db
from desktop.commands.fields import FLAG, WHOLE, Field, add_fields, given
from desktop.commands.output import command, emit_list, emit_one
from desktop.contracts.clients import ClientJson, client_json
from storage.practice import Client, client_changes, clients, presence, tax_details

FIELDS = (
    Field("name", "the client's short name, unique"),
    Field("contact_name", "who you deal with"),
    Field("email", "their email"),
    Field("role", "their role (CEO, founder, ...)"),
    Field("notes", "notes (`-` reads them from standard input)"),
    Field("status", "set the status by hand (it follows the engagements otherwise)",
          choices=tuple(clients.STATUSES)),
    Field("fit_critical", "fit check: the technical part is critical", FLAG),
    Field("fit_engineers_not_strategic", "fit check: strong engineers, not strategists", FLAG),
    Field("fit_not_ready_full_time", "fit check: not ready for a full-time CTO", FLAG),
    Field("fit_decisions_blocking", "fit check: decisions are blocking the team", FLAG),
    Field("legal_name", "the legal name on a scope of work and an invoice"),
    Field("address", "the address on a scope of work and an invoice"),
    Field("tax_id", "the client's VAT or tax id"),
    Field("signatory_name", "who signs for the client"),
    Field("signatory_title", "the signatory's title"),
    Field("country", "the client's country, ISO 3166 (GB, FR, DE...): its tax follows it"),
    Field("tax_treatment", "how its invoices are taxed (empty: from the country and VAT number)",
          choices=("", *tax_details.TAX_KINDS)),
    Field("tax_rate_bp", "its own VAT rate in basis points, 2000 is 20% (`none`: the practice's)",
          WHOLE),
)  # fmt: skip
COLUMNS = (("ID", "id"), ("Name", "name"), ("Status", "status"), ("Contact", "contact_name"),
           ("Email", "email"), ("Archived", "archived"))  # fmt: skip


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("clients", help="clients: list, show, add, edit, archive")
    actions = parser.add_subparsers(dest="action", required=True)
    listing = command(actions, "list", "every client with its id", run_list, contract=ClientJson)
    listing.add_argument("--archived", action="store_true", help="archived clients too")
    show = command(actions, "show", "one client", run_show, contract=ClientJson)
    show.add_argument("client", type=int, metavar="ID")
    add = command(actions, "add", "a new client; prints it", run_add,
                  contract=ClientJson, writes=True)  # fmt: skip
    add_fields(add, FIELDS, required=("name",))
    edit = command(actions, "edit", "change a client's fields; prints it", run_edit,
                   contract=ClientJson, writes=True)  # fmt: skip
    edit.add_argument("client", type=int, metavar="ID")
    add_fields(edit, FIELDS)
    archive = command(actions, "archive", "archive a client (--undo brings it back)",
                      run_archive, contract=ClientJson, writes=True)  # fmt: skip
    archive.add_argument("client", type=int, metavar="ID")
    archive.add_argument("--undo", action="store_true", help="bring an archived client back")


def run_list(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        found = clients.list_all(db, include_archived=args.archived)
    return emit_list(args, [client_json(c) for c in found], COLUMNS)


def run_show(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        return emit_one(args, client_json(clients.get(db, args.client)))


def run_add(args: argparse.Namespace) -> int:
    values = given(args, FIELDS)
    values["status_by_hand"] = "status" in values
    with open_db(args) as db:
        change = client_changes.add(db, Client(**values))
        stored = clients.get(db, presence.record_id(change))
    return emit_one(args, client_json(stored))


def run_edit(args: argparse.Namespace) -> int:
    values = given(args, FIELDS)
    if "status" in values:
        values["status_by_hand"] = True
    with open_db(args) as db:
        before = clients.get(db, args.client)
        change = client_changes.update(db, clients.with_changes(before, **values), expected=before)
    return emit_one(args, client_json(change.after or before))


def run_archive(args: argparse.Namespace) -> int:
    with open_db(args) as db:
        before = clients.get(db, args.client)
        wanted = clients.with_changes(before, archived=not args.undo)
        change = client_changes.update(db, wanted, expected=before)
    return emit_one(args, client_json(change.after or before))
