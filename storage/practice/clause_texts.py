"""The consultant's standard clauses a scope of work prints, as Preferences starts them: the
liability cap, data protection, insurance, status, non-solicitation, the entire agreement, and
the late-payment terms an invoice prints. Each is a starting point the consultant edits; an
engagement may replace any of them with its own text."""

from __future__ import annotations

GOVERNING_LAWS = ("England and Wales", "Scotland", "Ireland")  # the choices; any other is typed
UK_LAWS = ("England and Wales", "Scotland", "Northern Ireland")  # where IR35 applies
DEFAULT_GOVERNING_LAW = GOVERNING_LAWS[0]
DEFAULT_NON_SOLICITATION_MONTHS = 12

LIABILITY = (
    "Each party's total liability arising out of or in connection with this agreement, whether "
    "in contract, tort (including negligence) or otherwise, is limited to the fees paid to the "
    "consultant under it in the 12 months before the event that gave rise to the claim. Neither "
    "party is liable for loss of profit, revenue, business or goodwill, or for any indirect or "
    "consequential loss. Nothing in this agreement limits or excludes liability for death or "
    "personal injury caused by negligence, for fraud or fraudulent misrepresentation, for a "
    "breach of confidentiality, for the client's obligation to pay the fees, or for anything "
    "else the law does not allow to be limited or excluded."
)
DATA_PROTECTION = (
    "Each party complies with the data protection law that applies to it: the UK GDPR and the "
    "Data Protection Act 2018 and, where it applies, the EU General Data Protection Regulation. "
    "The client is the controller of any personal data the consultant sees in the engagement; "
    "the consultant processes it only as the client's processor, on the client's documented "
    "instructions and only for the engagement, keeps it secure, and helps the client answer "
    "the people it concerns and report a breach without undue delay."
)
INSURANCE = (
    "The consultant holds the insurance below with a reputable insurer for the term of the "
    "engagement and for a year after it ends, and gives the client a copy of the certificates "
    "on request."
)
STATUS = (
    "The consultant works as an independent contractor in business on their own account, not "
    "as an employee, worker or agent of the client. The consultant decides how, when and where "
    "the work is done within this scope, provides their own equipment, and is responsible for "
    "their own tax and social security contributions."
)
NON_SOLICITATION = (
    "During the engagement and for the period below after it ends, neither party solicits or "
    "hires, directly or through another, an employee or contractor of the other who took part "
    "in the engagement, without the other's written consent. A general advertisement not aimed "
    "at those people is not solicitation."
)
ENTIRE_AGREEMENT = (
    "This document is the entire agreement between the parties about the engagement and "
    "replaces any earlier proposal, discussion or agreement about it; neither party relies on "
    "anything not written in it. Where its parts conflict, they apply in this order: the "
    "change requests both parties have agreed in writing (the latest first), the clauses of "
    "this document, then its annexes. Neither party's standard terms of business apply."
)
LATE_PAYMENT = (
    "Payment after the due date carries interest at 8% a year above the Bank of England base "
    "rate and fixed compensation for the cost of recovery, as the Late Payment of Commercial "
    "Debts (Interest) Act 1998 provides."
)
