"""Small helpers shared by the attack and benign example makers."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

Maker = Callable[[random.Random], tuple[str, str]]

NAMES = [
    "Nova",
    "Max",
    "Zed",
    "Luna",
    "Orion",
    "Kai",
    "Vex",
    "Echo",
    "Rex",
    "Iris",
    "Blaze",
    "Sable",
    "Atlas",
    "Juno",
    "Pixel",
    "Onyx",
    "Raven",
    "Titan",
    "Nyx",
    "Bolt",
]
TOPICS_EN = [
    "the quarterly report",
    "our refund policy",
    "the onboarding checklist",
    "the invoice for March",
    "the new pricing page",
    "the customer's complaint",
    "the Paris trip",
    "the release notes",
    "the meeting minutes",
    "the contract draft",
]
TOPICS_FR = [
    "le rapport trimestriel",
    "notre politique de remboursement",
    "la facture de mars",
    "le devis du client",
    "le compte rendu de réunion",
    "le contrat de prestation",
    "la nouvelle grille tarifaire",
    "la réclamation du client",
    "le planning de l'équipe",
]


def pick(rng: random.Random, items: Sequence[str]) -> str:
    """Return one item."""
    return items[rng.randrange(len(items))]


def some(rng: random.Random, items: Sequence[str], low: int, high: int) -> list[str]:
    """Return between ``low`` and ``high`` distinct items in random order."""
    return rng.sample(list(items), min(len(items), rng.randint(low, high)))


def fill(rng: random.Random, template: str) -> str:
    """Replace {name}, {topic} and {sujet} placeholders."""
    return template.format(
        name=pick(rng, NAMES), topic=pick(rng, TOPICS_EN), sujet=pick(rng, TOPICS_FR)
    )
