"""What the scope of work says about the role itself: the AI roles add governance, evaluation,
cost controls and go/no-go gates for pilots; an advisor engagement says what advisory means."""

from __future__ import annotations

from dataclasses import dataclass

from exporters.formatting import title_case
from storage.rules import ROLES

AI_ROLES = ("fractional_ai_cto", "fractional_ai_officer")


@dataclass(frozen=True)
class RoleText:
    """The role's one-line description in the background, and its own section."""

    description: str
    intro: str
    points: tuple[str, ...] = ()


AI_POINTS = (
    "Governance: an inventory of the AI systems in use and planned, a named owner for each, the "
    "data each may see, and a usage policy the team agrees and keeps.",
    "Evaluation: every model and AI feature is measured against a fixed set of the client's own "
    "cases before release and after each change, and the results are written down.",
    "Cost controls: a monthly budget for each AI feature, spend tracked against it every month, "
    "and an alert before a cap is reached.",
    "Go/no-go gates for pilots: each pilot states its success measure, budget and end date before "
    "it starts; at its gate the evidence decides whether to scale, change or stop it, and the "
    "decision is recorded.",
)
TEXTS = {
    "fractional_cto": RoleText(
        "a part-time, senior technical leader who sets technical direction with the team and "
        "leaves it able to go on without outside help",
        "The consultant leads technology part time: technical direction, the team's engineering "
        "practice and the technical side of the company's leadership, handed over at the exit.",
    ),
    "fractional_ai_cto": RoleText(
        "a part-time, senior technical leader for a product built around AI, who sets technical "
        "direction with the team and leaves it able to go on without outside help",
        "Besides technical direction, the consultant puts in place how the team builds, measures "
        "and pays for AI, so the team owns each of these at the exit:",
        AI_POINTS,
    ),
    "fractional_ai_officer": RoleText(
        "a part-time, senior leader accountable for how the business adopts AI, who leaves the "
        "team able to go on without outside help",
        "The consultant is accountable for how the business adopts AI, and puts in place the "
        "following, each owned by a named person on the client side at the exit:",
        AI_POINTS,
    ),
    "advisor": RoleText(
        "a senior technical advisor to its leaders and team",
        "Advisory means the consultant advises and the client decides. Advice is given in the "
        "agreed meetings and in writing; the client's team owns delivery and every decision. The "
        "consultant does not manage people, run projects, sign off work on the client's behalf or "
        "act for the client with vendors, and is available between meetings for questions within "
        "the agreed time.",
    ),
}


def label(role: str) -> str:
    """The role as headings and sentences name it: "Fractional AI Officer"."""
    return title_case(ROLES.get(role, role))


def text(role: str) -> RoleText:
    return TEXTS.get(role, TEXTS["fractional_cto"])
