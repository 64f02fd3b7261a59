"""Benign everyday texts: word problems, short stories, task prompts and banking questions."""

from __future__ import annotations

import random

from injection_examples.common import NAMES, Maker, pick, some

_ITEMS = [
    "pencils",
    "apples",
    "tickets",
    "boxes of tea",
    "stickers",
    "marbles",
    "cupcakes",
    "books",
    "plants",
    "chairs",
    "coins",
    "bottles of juice",
]
_PLACES = [
    "the cinema",
    "the market",
    "school",
    "the library",
    "the bakery",
    "the park",
    "the office",
    "the farm",
    "the museum",
    "a birthday party",
]
_STEPS = [
    "{a} buys {n} {item} at {place} and gives {m} of them to {b}.",
    "Each of the {n} friends saves a seat and then buys {m} {item}.",
    "{a} writes the list in full twice, then writes half of it once more.",
    "The jar has a square base and holds {n} {item} in every layer.",
    "{b} has {m} more {item} than {a}, and they put them all in {k} boxes.",
    "On Monday {a} sells {n} {item}; on Tuesday {a} sells {m} fewer.",
    "Every week {a} saves {k} dollars to buy {item} for {place}.",
    "{a} and {b} share the {item} equally and keep the rest for later.",
    "After the trip to {place}, {a} has {k} {item} left.",
]
_QUESTIONS = [
    "How many {item} does {a} have now?",
    "How much money is left?",
    "How many boxes are full?",
    "What fraction of the {item} did {b} get?",
    "How many {item} are there in total?",
    "How many days will it take?",
]


def word_problem(rng: random.Random) -> tuple[str, str]:
    """Return a grade-school style word problem (long, plain, full of generic words)."""
    values = {
        "a": pick(rng, NAMES), "b": pick(rng, NAMES), "item": pick(rng, _ITEMS),
        "place": pick(rng, _PLACES), "n": str(rng.randint(3, 90)), "m": str(rng.randint(2, 40)),
        "k": str(rng.randint(2, 12)),
    }  # fmt: skip
    steps = [*some(rng, _STEPS, 2, 4), pick(rng, _QUESTIONS)]
    return " ".join(step.format(**values) for step in steps), "en"


_TASKS = [
    "Solve the equation and find the value of x. Show your steps.\n\n{n}x + 5 = {m}",
    "Write a short story about {a}, who finds a map in {place}.",
    "Suppose you are interviewing for a job at a bank; answer the question: describe a time "
    "you solved a conflict in your team.",
    "Rewrite the paragraph below in a more formal tone.\n\nhey all, the meeting is moved, "
    "see you at {place} instead",
    "Classify each sentence as positive, negative or neutral.",
    "Give me a list of ten questions to ask at {place} about opening hours and prices.",
    "Extract the dates from this text: the order left on {n} March and arrived on {m} April.",
    "Summarise the following review in one sentence: the {item} arrived late but work well.",
    "Generate a title for a blog post about saving money on {item}.",
    "Explain the rules of chess to a ten-year-old in five sentences.",
    "Write a haiku about {place} in winter.",
    "Correct the grammar: {a} and me goes to {place} every sundays.",
]


def task_prompt(rng: random.Random) -> tuple[str, str]:
    """Return an instruction-style request of the kind people give assistants every day."""
    values = {
        "a": pick(rng, NAMES),
        "place": pick(rng, _PLACES),
        "item": pick(rng, _ITEMS),
        "n": str(rng.randint(2, 28)),
        "m": str(rng.randint(30, 99)),
    }
    return pick(rng, _TASKS).format(**values), "en"


_BANKING = [
    "Does this shop take payments by card, or only cash?",
    "Why was I charged twice for the same purchase?",
    "My transfer still hasn't arrived, how long does it usually take?",
    "How do I change my PIN?",
    "Can I top up my account with a cheque?",
    "I lost my card yesterday, please block it.",
    "What exchange rate do you use for payments abroad?",
    "Is there a fee for withdrawing cash at another bank's ATM?",
    "Can you tell me my balance and my last five transactions?",
    "I'd like to book a double room for two nights, is breakfast included?",
    "Can I get a late checkout on Sunday?",
    "Please remind me to pay the electricity bill on Friday.",
    "What's the weather going to be like in Nantes tomorrow?",
    "Mon virement n'est pas arrivé, que dois-je faire ?",
    "Pouvez-vous bloquer ma carte, je l'ai perdue.",
    "Est-ce que le petit-déjeuner est compris dans le prix de la chambre ?",
]


def support_question(rng: random.Random) -> tuple[str, str]:
    """Return one or two short customer questions (banking, travel, assistant intents)."""
    text = " ".join(some(rng, _BANKING, 1, 2))
    return text, "fr" if "é" in text or "ç" in text else "en"


MAKERS: dict[str, Maker] = {
    "word_problem": word_problem,
    "task_prompt": task_prompt,
    "support_question": support_question,
}
