"""Preferences saved as one write: the consultant's profile and, when it was changed, where the
invoice number sequence starts, both under one write lock, returning the `Change` they made."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.billing.invoice_numbers import set_next_number
from storage.file.changes import INVOICE, SETTING, Change, ChangedElsewhereError, kinds
from storage.practice.settings import Profile, load_profile, save_profile

if TYPE_CHECKING:
    from sqlite_utils import Database


def save(
    db: Database,
    profile: Profile,
    *,
    next_number: tuple[int, int] | None = None,
    expected: Profile | None = None,
) -> Change[Profile]:
    """Store the profile and, given `(year, number)`, start that year's invoice sequence there.

    `expected` is the profile the caller showed: when another window or the command line saved a
    different one since, ChangedElsewhereError (carrying the stored profile) is raised; a refused
    field raises ValidationError. Either way nothing is written.
    """
    touched = kinds(SETTING, INVOICE) if next_number is not None else kinds(SETTING)
    with db.atomic():
        before = load_profile(db)
        if expected is not None and before != expected:
            raise ChangedElsewhereError("profile", before)
        after = save_profile(db, profile)
        if next_number is not None:
            set_next_number(db, *next_number)
    return Change(before, after, touched)
