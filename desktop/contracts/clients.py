"""`clients list|show|add|edit|archive`: a client as JSON."""

from __future__ import annotations

from typing import TypedDict

from storage.practice import Client


class ClientJson(TypedDict):
    id: int
    name: str
    status: str
    status_by_hand: bool
    archived: bool
    contact_name: str
    email: str
    role: str
    notes: str
    fit_critical: bool
    fit_engineers_not_strategic: bool
    fit_not_ready_full_time: bool
    fit_decisions_blocking: bool
    legal_name: str
    address: str
    tax_id: str
    signatory_name: str
    signatory_title: str
    country: str
    tax_treatment: str
    tax_rate_bp: int | None


def client_json(c: Client) -> ClientJson:
    return ClientJson(
        id=c.id or 0,
        name=c.name,
        status=c.status,
        status_by_hand=c.status_by_hand,
        archived=c.archived,
        contact_name=c.contact_name,
        email=c.email,
        role=c.role,
        notes=c.notes,
        fit_critical=c.fit_critical,
        fit_engineers_not_strategic=c.fit_engineers_not_strategic,
        fit_not_ready_full_time=c.fit_not_ready_full_time,
        fit_decisions_blocking=c.fit_decisions_blocking,
        legal_name=c.legal_name,
        address=c.address,
        tax_id=c.tax_id,
        signatory_name=c.signatory_name,
        signatory_title=c.signatory_title,
        country=c.country,
        tax_treatment=c.tax_treatment,
        tax_rate_bp=c.tax_rate_bp,
    )
