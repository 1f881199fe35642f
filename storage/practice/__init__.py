"""Clients and engagements: the terms, the commitment history, deliverables, phases, the
consultant's profile, and the scope-of-work versions.

The layers above import from this face only; the modules behind it are its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storage.rules.lazy_face import lazy_face

if TYPE_CHECKING:  # the names as the type checker sees them; loaded on first use
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
        profile_store,
        settings,
        snapshots,
        tax_details,
    )
    from storage.practice.clause_texts import GOVERNING_LAWS, UK_LAWS
    from storage.practice.clients import FIT_QUESTIONS, Client
    from storage.practice.commitments import CommitmentPeriod
    from storage.practice.deliverables import Deliverable
    from storage.practice.document_versions import DocumentVersion
    from storage.practice.engagement_counts import running_counts
    from storage.practice.engagements import Engagement, SavedState, is_open_on
    from storage.practice.phases import Phase
    from storage.practice.profile_store import stored_hours_format, stored_week_start
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
    "profile_store",
    "running_counts",
    "settings",
    "snapshots",
    "stored_hours_format",
    "stored_week_start",
    "tax_details",
]

__getattr__, __dir__ = lazy_face(
    __name__,
    {
        "calendar": "storage.practice.calendar",
        "GOVERNING_LAWS": "storage.practice.clause_texts:GOVERNING_LAWS",
        "UK_LAWS": "storage.practice.clause_texts:UK_LAWS",
        "clause_texts": "storage.practice.clause_texts",
        "client_changes": "storage.practice.client_changes",
        "Client": "storage.practice.clients:Client",
        "FIT_QUESTIONS": "storage.practice.clients:FIT_QUESTIONS",
        "clients": "storage.practice.clients",
        "CommitmentPeriod": "storage.practice.commitments:CommitmentPeriod",
        "commitments": "storage.practice.commitments",
        "Deliverable": "storage.practice.deliverables:Deliverable",
        "deliverables": "storage.practice.deliverables",
        "DocumentVersion": "storage.practice.document_versions:DocumentVersion",
        "document_versions": "storage.practice.document_versions",
        "engagement_changes": "storage.practice.engagement_changes",
        "running_counts": "storage.practice.engagement_counts:running_counts",
        "Engagement": "storage.practice.engagements:Engagement",
        "SavedState": "storage.practice.engagements:SavedState",
        "engagements": "storage.practice.engagements",
        "is_open_on": "storage.practice.engagements:is_open_on",
        "Phase": "storage.practice.phases:Phase",
        "phases": "storage.practice.phases",
        "presence": "storage.practice.presence",
        "profile_store": "storage.practice.profile_store",
        "stored_hours_format": "storage.practice.profile_store:stored_hours_format",
        "stored_week_start": "storage.practice.profile_store:stored_week_start",
        "Profile": "storage.practice.settings:Profile",
        "load_profile": "storage.practice.settings:load_profile",
        "settings": "storage.practice.settings",
        "RestoreConflictError": "storage.practice.snapshots:RestoreConflictError",
        "Snapshot": "storage.practice.snapshots:Snapshot",
        "snapshots": "storage.practice.snapshots",
        "tax_details": "storage.practice.tax_details",
    },
)
