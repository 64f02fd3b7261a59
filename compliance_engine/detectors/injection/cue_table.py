"""The injection cue type, its regex helpers, and the instruction-override cues (EN and FR).

Cues are regular expressions over the canonical (folded) view. Every cue names its
family, whether it is strong (enough on its own) or weak (it needs the classifier
to agree), and anchor words: the cue only runs when one of them is a word of the
message, so most messages run none. Gaps between words are bounded (``gap``) and
alternate disjoint classes, so no regex backtracks more than a few words. The other
families live in ``cue_table_extraction`` and ``cue_table_roles``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

OVERRIDE = "instruction_override"
EXTRACTION = "system_prompt_extraction"
PERSONA = "persona_hijack"
DELIMITER = "delimiter_smuggling"


@dataclass(frozen=True, slots=True)
class Cue:
    """One named cue: a regex, its family, its strength and the anchors it starts at.

    ``anchors`` are the words at which a match of ``regex`` can begin: the cue runs
    only when one of them is a word of the message, and then only as an anchored
    ``match`` at each occurrence, never as a scan. ``requires`` lists word sets of
    which each must meet the message's words: a cheap test that spares most messages
    the regex altogether. A ``literal`` cue (markup such as ``<|im_start|>``) is run,
    when one of its anchor words occurs, as one search: its regex starts with rare
    punctuation, which the engine skips to quickly.
    """

    name: str
    family: str
    regex: str
    strong: bool
    anchors: tuple[str, ...]
    literal: bool = False
    requires: tuple[frozenset[str], ...] = ()
    compiled: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.regex))


def gap(words: int) -> str:
    """Match the separator plus up to ``words`` filler words between two cue words."""
    return rf"(?:\W+\w+){{0,{words}}}\W+"


def after(*prefixes: str) -> str:
    """Require one of ``prefixes`` right before the anchor (fixed-width lookbehinds)."""
    return "(?:" + "|".join(f"(?<={re.escape(prefix)})" for prefix in prefixes) + ")"


def words(text: str) -> tuple[str, ...]:
    """Split a space-separated list of anchors."""
    return tuple(text.split())


def need(*groups: str) -> tuple[frozenset[str], ...]:
    """Build ``requires``: each space-separated group must share a word with the message."""
    return tuple(frozenset(group.split()) for group in groups)


_RULE_WORDS = (
    "instruction instructions rules guidelines directive directives prompt prompts constraints "
    "restrictions programming policy policies training guidance limitations safeguards"
)
_FR_RULE_WORDS = (
    "instruction instructions consigne consignes regles directive directives ordres prompt "
    "prompts restrictions limites programmation politique politiques"
)
# Verbs that open an override; multi-word openers start at their last word (see ``after``).
_IGNORE_EN = (
    r"(?:ignore|ignoring|disregard|disregarding|forget|forgetting|bypass|overlook|neglect|"
    + after("set ", "put ")
    + r"aside|"
    + after("pay no ")
    + r"attention to|"
    + after("do not ", "don't ", "stop ", "no longer ")
    + r"(?:follow|obey)(?:ing)?)\b"
)
_IGNORE_EN_ANCHORS = words(
    "ignore ignoring disregard disregarding forget forgetting bypass overlook neglect aside "
    "attention follow following obey obeying"
)
# Verbs that also name everyday IT chores ("drop the old rules file"): weak on their own.
_DROP_EN = r"(?:skip|override|discard|dismiss|abandon|drop|erase|delete|reset|clear)\b"
_DROP_EN_ANCHORS = words("skip override discard dismiss abandon drop erase delete reset clear")
# Filler words between the verb and the qualifier; the speaker's own words ("ignore my
# previous instructions") are a correction, not an attack.
_FILLER_EN = r"(?:\W+(?!my\b|our\b)\w+){0,3}\W+"
_PRIOR_EN = (
    r"(?:previous|previously|prior|above|earlier|preceding|former|foregoing|initial|"
    r"original|all|any|every|your|system|safety|default|existing)\b"
)
_RULES_EN = (
    r"(?:instructions?|rules|guidelines|directives?|prompts?|constraints|restrictions|"
    r"programming|polic(?:y|ies)|training|guidance|limitations|safeguards)\b"
)
_IGNORE_FR = (
    r"(?:ignore[rsz]?|oublie[rsz]?|neglige[rsz]?|contourne[rsz]?|tiens pas compte|"
    r"tenez pas compte|fais abstraction|faites abstraction|passe[rz]? outre|"
    r"obei[sr] plus|obeissez plus|respecte[sz]? plus|sui[st] plus|suivez plus)\b"
)
_IGNORE_FR_ANCHORS = words(
    "ignore ignorer ignores ignorez oublie oublier oublies oubliez neglige negliger negliges "
    "negligez contourne contourner contournes contournez tiens tenez fais faites passe passer "
    "passez obeis obeir obeissez respecte respectes respectez suis suit suivez"
)
_PRIOR_FR = (
    r"(?:precedent\w*|anterieur\w*|ci-dessus|plus haut|initiale?s?|d'origine|originale?s?|"
    r"toutes|tous|tes|vos|votre|ton|systeme|de securite)\b"
)
_RULES_FR = (
    r"(?:instructions?|consignes?|regles|directives?|ordres|prompts?|restrictions|"
    r"limites|programmation|politiques?)\b"
)
OVERRIDE_CUES = (
    Cue(
        "ignore_previous_instructions",
        OVERRIDE,
        _IGNORE_EN + _FILLER_EN + _PRIOR_EN + gap(3) + _RULES_EN,
        True,
        _IGNORE_EN_ANCHORS,
        requires=need(_RULE_WORDS),
    ),
    Cue(
        "drop_previous_rules",
        OVERRIDE,
        _DROP_EN + _FILLER_EN + _PRIOR_EN + gap(3) + _RULES_EN,
        False,
        _DROP_EN_ANCHORS,
        requires=need(_RULE_WORDS),
    ),
    Cue(
        "ignore_the_above",
        OVERRIDE,
        _IGNORE_EN + r"\W+(?:all\W+)?(?:of\W+)?(?:the\W+|everything\W+)?"
        r"(?:above|previous|preceding|foregoing|before)"
        # Ends the clause: "ignore the above." but not "ignore the previous email".
        r"(?=\s*(?:[.,;:!)\n]|and\b|then\b|instead\b|$))",
        True,
        _IGNORE_EN_ANCHORS,
        requires=need("above previous preceding foregoing before"),
    ),
    Cue(
        "forget_everything",
        OVERRIDE,
        r"(?:forget|disregard|ignore) (?:about )?(?:everything|all|anything) (?:you (?:were|have "
        r"been|'ve been) (?:told|taught|given|instructed)|(?:i|we) (?:said|told you)|above|before)",
        True,
        words("forget disregard ignore"),
    ),
    Cue(
        "new_instructions",
        OVERRIDE,
        r"(?:new|updated|real|actual|revised|true|override|overriding|admin|administrator|"
        r"developer|priority) (?:instructions?|rules|directives?|task|orders|system prompt)\s*:"
        r"|" + after("your ") + r"(?:new|real|true|only|actual) (?:instructions?|task|goal|"
        r"purpose|directive|mission) (?:is|are|will be)\b",
        True,
        words(
            "new updated real actual revised true override overriding admin administrator "
            "developer priority only"
        ),
        requires=need(
            "instruction instructions rules directive directives task orders system goal "
            "purpose mission"
        ),
    ),
    Cue(
        "admin_override",
        OVERRIDE,
        r"(?:administrator|admin|developer|system|sudo|root|maintenance|security) override\b",
        True,
        words("administrator admin developer system sudo root maintenance security"),
    ),
    Cue(
        "hijack_then_print",
        OVERRIDE,
        r"stop everything\b|never ?mind\W+(?:ignore|disregard|forget)\b|"
        + after("just ", "instead ", "only ")
        + r"(?:print|say|output|respond with|reply with)\W+\"",
        True,
        words("stop never nevermind print say output respond reply"),
    ),
    Cue(
        "address_the_ai",
        OVERRIDE,
        after(
            "ai ",
            "ais ",
            "assistant ",
            "assistants ",
            "llm ",
            "llms ",
            "chatbot ",
            "model ",
            "gpt ",
        )
        + r"(?:reading|processing|summari[sz]ing|parsing) this\b|"
        r"note to (?:the |any )?(?:ai|assistant|llm|language model|chatbot)\b|"
        + after("if you are an ", "if you are a ")
        + r"(?:ai|llm|language model|assistant)\W+(?:you must|ignore|disregard)",
        True,
        words("reading processing summarizing summarising parsing note ai llm language assistant"),
        requires=need(
            "reading processing summarizing summarising parsing note ignore disregard must"
        ),
    ),
    Cue(
        "ignore_previous_messages",
        OVERRIDE,
        _IGNORE_EN
        + _FILLER_EN
        + r"(?:previous|prior|above|earlier|preceding|all|any)\b"
        + gap(2)
        + r"(?:messages|conversation|context|answers|responses)\b",
        False,
        _IGNORE_EN_ANCHORS,
        requires=need("messages conversation context answers responses"),
    ),
    Cue(
        "from_now_on",
        OVERRIDE,
        r"from (?:now on|this (?:point|moment) (?:on|forward))\W+(?:you|your|u)\b",
        False,
        words("from"),
    ),
    Cue(
        "ignore_previous_fr",
        OVERRIDE,
        _IGNORE_FR
        + gap(3)
        + _PRIOR_FR
        + gap(2)
        + _RULES_FR
        + "|"
        + _IGNORE_FR
        + gap(2)
        + _RULES_FR
        + gap(1)
        + _PRIOR_FR,
        True,
        _IGNORE_FR_ANCHORS,
        requires=need(_FR_RULE_WORDS),
    ),
    Cue(
        "forget_everything_fr",
        OVERRIDE,
        r"(?:oublie[sz]?|ignore[sz]?) tout ce (?:qu'on t'a|que je t'ai|qu'on vous a|que je vous "
        r"ai|qui precede|qui est au-dessus)",
        True,
        words("oublie oublies oubliez ignore ignores ignorez"),
    ),
    Cue(
        "new_instructions_fr",
        OVERRIDE,
        r"(?:nouvelles?|vraies?|veritables?) (?:instructions?|consignes?|regles|directives?|"
        r"taches?|missions?)\s*:|ta (?:nouvelle|vraie|seule) (?:mission|tache|consigne) est\b",
        True,
        words("nouvelle nouvelles vraie vraies veritable veritables ta"),
    ),
    Cue(
        "from_now_on_fr",
        OVERRIDE,
        "(?:" + after("a ") + r"partir (?:de maintenant|d'aujourd'hui)|desormais|dorenavant)"
        r"\W+(?:tu|vous)\b",
        False,
        words("partir desormais dorenavant"),
    ),
)
