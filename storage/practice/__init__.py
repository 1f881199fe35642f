"""Clients and engagements: the terms, the commitment history, deliverables, phases, the
consultant's profile, and the scope-of-work versions.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from storage.practice import (
    calendar,
    clause_texts,
    client_changes,
    clients,
    commitments,
    deliverables,
    document_versions,
    engagement_changes,
    engagements,
    phases,
    presence,
    settings,
    snapshots,
    tax_details,
)
from storage.practice.clause_texts import GOVERNING_LAWS, UK_LAWS
from storage.practice.clients import FIT_QUESTIONS, Client
from storage.practice.commitments import CommitmentPeriod
from storage.practice.deliverables import Deliverable
from storage.practice.document_versions import DocumentVersion
from storage.practice.engagements import Engagement, SavedState, is_open_on
from storage.practice.phases import Phase
from storage.practice.settings import Profile, load_profile
from storage.practice.snapshots import RestoreConflictError, Snapshot

__all__ = [
    "FIT_QUESTIONS",
    "GOVERNING_LAWS",
    "UK_LAWS",
    "Client",
    "CommitmentPeriod",
    "Deliverable",
    "DocumentVersion",
    "Engagement",
    "Phase",
    "Profile",
    "RestoreConflictError",
    "SavedState",
    "Snapshot",
    "calendar",
    "clause_texts",
    "client_changes",
    "clients",
    "commitments",
    "deliverables",
    "document_versions",
    "engagement_changes",
    "engagements",
    "is_open_on",
    "load_profile",
    "phases",
    "presence",
    "settings",
    "snapshots",
    "tax_details",
]
