"""System-prompt extraction cues, EN and FR (see ``cue_table``)."""

from __future__ import annotations

from compliance_engine.detectors.injection.cue_table import (
    EXTRACTION,
    Cue,
    after,
    gap,
    need,
    words,
)

_SECRET_QUALIFIERS = (
    "system initial original hidden secret developer internal pre starting underlying"
)
_SECRET_NOUNS = (
    "prompt prompts instruction instructions message directive directives configuration config"
)


_REVEAL_EN = (
    r"(?:repeat|recite|print|show|display|reveal|output|dump|leak|disclose|expose|"
    r"tell me|give me|share|list|write out|write down|copy|paste|echo|spell out|return|"
    r"provide|encode|translate|what (?:are|were|is|was)|quote)\b"
)
_REVEAL_EN_ANCHORS = words(
    "repeat recite print show display reveal output dump leak disclose expose tell give share "
    "list write copy paste echo spell return provide encode translate what quote"
)
# Up to four filler words, none of them "a"/"an" or a third person's: "show me a system
# prompt example" asks for an example and "reveal its system prompt" talks about another
# assistant, while "show me your system prompt" targets this one.
_NOT_INDEFINITE = r"(?:\W+(?!(?:an?|its|their|his|her|our)\b)\w+){0,4}\W+"
_SECRET_PROMPT_EN = (
    r"(?:system|initial|original|hidden|secret|first|developer|internal|pre|base|"
    r"starting|underlying)[ _-]?(?:prompt|prompts|instructions?|message|directives?|"
    r"configuration|config)\b"
)
_REVEAL_FR = (
    r"(?:repete[rsz]?|affiche[rsz]?|montre[rsz]?|revele[rsz]?|donne[rsz]?|ecris|ecrivez|"
    r"imprime[rsz]?|recopie[rsz]?|cite[rsz]?|divulgue[rsz]?|partage[rsz]?|"
    r"quel(?:le)?s? (?:sont|etaient|est|etait))\b"
)
_REVEAL_FR_ANCHORS = words(
    "repete repeter repetez affiche afficher affichez montre montrer montrez revele reveler "
    "revelez donne donner donnez ecris ecrivez imprime imprimer imprimez recopie recopiez "
    "cite citez divulgue divulguez partage partagez quel quels quelle quelles"
)
_SECRET_PROMPT_FR = (
    r"(?:prompt (?:systeme|initial|d'origine|cache|secret)|message systeme|"
    r"(?:instructions?|consignes?) (?:initiales?|systeme|d'origine|cachees?|secretes?)|"
    r"texte ci-dessus|texte precedent|tes (?:instructions|consignes)|"
    r"vos (?:instructions|consignes))\b"
)

EXTRACTION_CUES = (
    Cue(
        "reveal_system_prompt",
        EXTRACTION,
        _REVEAL_EN + _NOT_INDEFINITE + _SECRET_PROMPT_EN,
        True,
        _REVEAL_EN_ANCHORS,
        requires=need(_SECRET_QUALIFIERS, _SECRET_NOUNS),
    ),
    Cue(
        "repeat_text_above",
        EXTRACTION,
        r"(?:repeat|recite|print|output|dump|reveal|copy|echo|write out)"
        + gap(3)
        + r"(?:text|words|content|message|messages|everything|instructions|prompt|lines?)"
        r" (?:above|before this|before that|so far|prior to this)\b",
        True,
        words("repeat recite print output dump reveal copy echo write"),
        requires=need("above before so prior"),
    ),
    Cue(
        "what_were_you_told",
        EXTRACTION,
        r"what (?:\w+ )?(?:were|are|was|have) you (?:been )?(?:told|instructed|given|programmed)"
        r"\b|"
        r"(?:text|prompt|instructions) you were given\b|"
        + after("you ")
        + r"were (?:told|given|instructed) (?:before|initially|at the start|earlier)\b|"
        + after("my ")
        + r"instructions are\b",
        True,
        words("what text prompt instructions were"),
        requires=need("told instructed given programmed instructions"),
    ),
    Cue(
        "print_prompt_variable",
        EXTRACTION,
        r"(?:console\.log|print|echo|printf|puts|cat)\W{0,3}(?:system_?prompt|sys_?prompt|"
        r"initial_?prompt|instructions)\b",
        True,
        words("console print echo printf puts cat"),
    ),
    Cue(
        "reveal_system_prompt_fr",
        EXTRACTION,
        _REVEAL_FR + gap(4) + _SECRET_PROMPT_FR,
        True,
        _REVEAL_FR_ANCHORS,
        requires=need("prompt message instructions instruction consignes consigne texte"),
    ),
    Cue(
        "what_were_you_told_fr",
        EXTRACTION,
        r"(?:qu'est-ce qu'on t'a dit|ce qu'on t'a dit|ce qu'on vous a dit) (?:avant|au debut)\b",
        True,
        words("qu ce"),
    ),
)
