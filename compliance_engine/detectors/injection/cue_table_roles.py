"""Persona-hijack and delimiter-smuggling cues, EN and FR (see ``cue_table``)."""

from __future__ import annotations

from compliance_engine.detectors.injection.cue_table import (
    DELIMITER,
    PERSONA,
    Cue,
    after,
    need,
    words,
)

_SAFETY_NOUNS = (
    r"(?:censorship|censor|filters|filtering|morals|morality|ethics|ethical (?:guidelines|"
    r"principles|standards|boundaries|constraints|code)|moral (?:principles|guidelines|compass|"
    r"code|boundaries|constraints)|content polic(?:y|ies)|safety (?:guidelines|measures|"
    r"protocols|filters)|openai(?:'s)? (?:polic(?:y|ies)|guidelines|rules|restrictions))\b"
)
_NEGATED = after(
    "doesn't ", "does not ", "don't ", "do not ", "never ", "won't ", "will not ", "cannot "
)
_YOU_ARE = after("you are ", "you're ", "you are now ", "you have been ", "you've been ")

PERSONA_CUES = (
    Cue(
        "do_anything_now",
        PERSONA,
        after("do ", "does ", "can do ")
        + r"anything now\b|"
        + after("you are ", "you are now ", "pretend to be ", "act as ", "become ", "you're ")
        + r"dan\b|dan mode\b|stands for\W+\"?do anything",
        True,
        words("anything dan stands"),
    ),
    Cue(
        "jailbreak_mode",
        PERSONA,
        r"(?:jailbreak|jailbroken|god|evil|unrestricted|unfiltered|uncensored|chaos|opposite) "
        r"mode\b|" + _YOU_ARE + r"jailbroken\b|developer mode (?:enabled|output|response)",
        True,
        words(
            "jailbreak jailbroken god evil unrestricted unfiltered uncensored chaos opposite "
            "developer"
        ),
    ),
    Cue(
        "developer_mode",
        PERSONA,
        r"(?:developer|dev|debug) mode\b|jailbr(?:eak|eaks|eaking|oken)\b",
        False,
        words("developer dev debug jailbreak jailbreaks jailbreaking jailbroken"),
    ),
    Cue(
        "without_safety",
        PERSONA,
        r"(?:without|no|free (?:of|from)|devoid of|lacks?|lacking|bypass(?:es|ing)?|ignores?|"
        r"ignoring|" + _NEGATED + r"(?:have|follow|care about|abide by|adhere to|respect|apply))"
        r"(?: (?:any|all|the|your|its|his|her|of)){0,4}(?: \w+,?(?: and| or)?)? " + _SAFETY_NOUNS,
        True,
        words(
            "without no free devoid lack lacks lacking bypass bypasses bypassing ignore "
            "ignores ignoring have follow care abide adhere respect apply"
        ),
        requires=need(
            "censorship censor filters filtering morals morality ethics ethical moral content "
            "safety openai"
        ),
    ),
    Cue(
        "no_limits",
        PERSONA,
        r"(?:without|no|free (?:of|from)|beyond) (?:any )?(?:restrictions|limitations|limits|"
        r"boundaries|rules)\b|(?:unfiltered|uncensored|amoral|unrestricted|unethical|"
        r"immoral|unbound|unshackled)\b",
        False,
        words(
            "without no free beyond unfiltered uncensored amoral unrestricted unethical "
            "immoral unbound unshackled"
        ),
    ),
    Cue(
        "no_longer_bound",
        PERSONA,
        after("no longer ", "not ", "never ", "isn't ", "aren't ")
        + r"(?:bound|restricted|limited|constrained|governed|tied|held back) by (?:any |the |its "
        r"|your |their )?(?:rules|polic|guidelines|ethic|moral|restrictions|laws|openai|content "
        r"polic|filters|limitations|programming|constraints|terms of service)|"
        + after("you are no ", "you're no ", "you are now no ")
        + r"longer (?:chatgpt|an ai|a language model|an assistant|gpt|a chatbot)\b|"
        r"broken free (?:of|from)\b|escaped? (?:the|from) (?:matrix|confines)\b",
        True,
        words(
            "bound restricted limited constrained governed tied held longer broken escape escaped"
        ),
    ),
    Cue(
        "stay_in_character",
        PERSONA,
        r"(?:stay|remain|keep|stays|remains) in character\b|break(?:ing)? character\b",
        False,
        words("stay remain keep stays remains break breaking"),
    ),
    Cue(
        "pretend_ai",
        PERSONA,
        r"(?:pretend (?:to be|you are|you're)|roleplay as|role-play as|simulate|act as|"
        + after("you are ")
        + r"(?:going to (?:pretend|act|play)|now)|"
        + after("you ")
        + r"will be)\W+(?:an? )?(?:\w+ ){0,2}?(?:ai|chatbot|language model|llm|gpt|bot)\b",
        False,
        words("pretend roleplay role simulate act going now will"),
        requires=need("ai chatbot language llm gpt bot"),
    ),
    Cue(
        "no_longer_bound_fr",
        PERSONA,
        after("tu n'es ", "vous n'etes ") + r"plus (?:lie|lies|limite|limites|soumis|tenu|tenus|"
        r"contraint|chatgpt|une ia|un assistant)\b|fais (?:n'importe quoi|tout) maintenant\b",
        True,
        words("plus fais"),
    ),
    Cue(
        "without_safety_fr",
        PERSONA,
        r"sans (?:aucune |aucun |la moindre )?(?:censure|filtres?|ethique|morale|"
        r"limites? morales?|restrictions? ethiques?)\b",
        True,
        words("sans"),
    ),
    Cue(
        "no_limits_fr",
        PERSONA,
        r"sans (?:aucune |aucun )?(?:restrictions?|limites?|regles)\b|"
        r"mode (?:developpeur|dev|sans (?:filtre|censure|limite)s?)\b|"
        r"(?:reste|restez|rester) dans (?:ton|le|ce|votre) (?:personnage|role)\b",
        False,
        words("sans mode reste restez rester"),
    ),
)

DELIMITER_CUES = (
    Cue(
        "chat_template_token",
        DELIMITER,
        r"<\|(?:im_start|im_end|im_sep|endoftext|system|user|assistant|eot_id|start_header_id|"
        r"end_header_id|begin_of_text)\|>|\[/?inst\]|<</?sys>>|"
        r"</?(?:system|sys|system_prompt|instructions?|admin)>",
        True,
        words(
            "im endoftext system user assistant eot start end begin inst sys instruction "
            "instructions admin"
        ),
        literal=True,
    ),
    Cue(
        "fake_system_header",
        DELIMITER,
        after("#", "# ", "**", "[", "-- ", "== ") + r"(?:system|systeme|system prompt|"
        r"new instructions?|admin|developer)[ \t]*(?:\]|\*\*|:|\n)",
        True,
        words("system systeme new admin developer"),
    ),
    Cue(
        "role_line",
        DELIMITER,
        r"(?<![^\n])(?:system|assistant|instructions?|systeme)[ \t]*:[ \t]*\S",
        False,
        words("system assistant instruction instructions systeme"),
    ),
    Cue(
        "fake_tool_call",
        DELIMITER,
        r"\"(?:function_call|tool_calls?|tool_use|tool_code)\"\s*:|\"role\"\s*:\s*\"(?:system|"
        r"developer)\"|<(?:tool_call|function_call|function_calls|invoke)\b",
        False,
        words("function tool role invoke"),
        literal=True,
    ),
    Cue(
        "markdown_image_exfiltration",
        DELIMITER,
        r"!\[[^\[\]\n]{0,200}\]\(\s*https?://[^\s)]{1,400}?[?&][\w-]{1,30}=(?:\{|\[|\$|<|%7b|%5b)",
        True,
        words("http https"),
        literal=True,
    ),
    Cue(
        "markdown_image_query",
        DELIMITER,
        r"!\[[^\[\]\n]{0,200}\]\(\s*https?://[^\s)]{1,400}?[?&](?:data|d|q|secret|prompt|chat|"
        r"history|conversation|conv|msg|message|info|content|payload|exfil|leak|p)=",
        False,
        words("http https"),
        literal=True,
    ),
)
