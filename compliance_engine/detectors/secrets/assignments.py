"""Judging ``key = value`` pairs: does the key name a secret, does the value look like one."""

from __future__ import annotations

import re

from compliance_engine.detectors.secrets.values import (
    has_classes,
    is_mostly_one_char,
    is_rejected,
    is_sequential,
    shannon_entropy,
    word_coverage,
)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Identifier parts (camelCase, snake_case, kebab-case, dotted) of a key.
_PART = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
_PASSWORD_WORDS = ("password", "passwd", "passphrase", "pwd", "pass")
# A key ending with one of these names something about a secret, not the secret itself.
_DESCRIPTIVE_TAILS = _words(
    "name id ids url uri urls endpoint host hostname path file filename dir type types size "
    "length len count version format field fields label title prefix suffix template env "
    "var location expiry expires expiration timeout ttl header headers method mode policy "
    "provider scope scopes status enabled required min max hint regex pattern source ref "
    "reference arn vault store manager rotation algorithm alg kind index column table param "
    "params option options description desc help text message error errors placeholder "
    "example rule rules validator validation strength changed reset updated created at date "
    "time hash salt lifetime age secrets tokens keys passwords variable event pressed "
    "checksum digest fingerprint audience issuer"
)
_NOT_PASSWORDS = (
    "passport",
    "passeport",
    "pasaporte",
    "passage",
    "passenger",
    "passive",
    "passthrough",
    "passing",
    "passed",
    "passion",
    "bypass",
    "compass",
)
# A key ending with one of these still names the secret (secret_value, token_b64...).
_NEUTRAL_TAILS = frozenset({"value", "str", "string", "b64", "base64", "hex", "raw", "data", "enc"})


# A part before the secret word that makes the key name something public or structural
# (public_key, primaryKey, csrf_token, next_page_token).
_QUALIFIERS = _words(
    "public pub primary foreign sequence schema bucket natural idx hot csrf xsrf sort "
    "partition cache lookup row unique composite page next continuation cursor idempotency "
    "i18n translation issuer jsonwebtoken registration verification"
)
_SECRET_PARTS = _words(
    "secret token apikey accesskey secretkey privatekey credential credentials creds authkey "
    "authtoken bearer signature jwt"
)


def _parts(key: str) -> list[str]:
    return [part.lower() for part in _PART.findall(key)]


def _is_password_part(part: str) -> bool:
    return any(word in part for word in _PASSWORD_WORDS) and not part.startswith(_NOT_PASSWORDS)


def _is_secret_part(part: str, is_last: bool) -> bool:
    if part in _SECRET_PARTS or part.endswith(("secret", "token", "apikey", "accesskey")):
        return True
    # "key" and "auth" alone are too common to count anywhere but at the end.
    return is_last and part in ("key", "auth", "sig", "privkey")


def key_kind(key: str) -> str | None:
    """Return "password" or "secret" when a key names a credential, else None."""
    parts = _parts(key)
    while parts and parts[-1].isdigit():
        parts.pop()
    if not parts or parts[-1] in _DESCRIPTIVE_TAILS:
        return None
    if len(parts) > 1 and parts[-1] in _NEUTRAL_TAILS:
        parts.pop()
    last = len(parts) - 1
    for index, part in enumerate(parts):
        if index and parts[index - 1] in _QUALIFIERS:
            continue
        if _is_password_part(part):
            return "password"
        if _is_secret_part(part, index == last) or (
            index == last and index and parts[index - 1] + part in _SECRET_PARTS
        ):
            return "secret"
    return None


_ATTRIBUTE_ACCESS = re.compile(r"^([A-Za-z_][\w]*)(?:\.[A-Za-z_][\w]*)+(?:\(\))?$")
# Objects whose attributes hold configuration (settings.SECRET_KEY, var.db_password).
_CONFIG_OBJECTS = _words(
    "self this os process env config conf cfg settings secrets vars var local locals module "
    "data params options opts args request req ctx context props values app window global"
)
# Artifact coordinates and release names end in a version (jjwt-jackson-0.11.2, Sales-1.2).
_VERSIONED = re.compile(r"[-_:@]v?\d+(?:\.\d+)+(?:[-.][A-Za-z0-9]+)?$")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+\.[a-zA-Z]{2,6}$")


def _is_attribute_access(value: str) -> bool:
    match = _ATTRIBUTE_ACCESS.match(value)
    if match is None:
        return False
    return match.group(1).lower() in _CONFIG_OBJECTS or word_coverage(value) >= 0.4


def _looks_like_reference(value: str) -> bool:
    return (
        "://" in value
        or value.startswith(("/", "./", "../", "~/", "$", "@", "%", "&", "*"))
        or "(" in value
        or _is_attribute_access(value)
        or _DOMAIN.match(value) is not None
        or _VERSIONED.search(value) is not None
    )


_STAND_IN_PARTS = ("password", "passwd", "secret", "example", "changeme", "sample", "dummy")


def is_plausible_password(value: str) -> bool:
    """Tell whether a value assigned to a password key looks like a real password."""
    if len(value) < 6 or value.isdigit():
        return False
    # The cheap substring tests first: a hostile text can hold thousands of assignments.
    lowered = value.lower()
    if any(part in lowered for part in _STAND_IN_PARTS):
        return False
    if is_rejected(value) or _looks_like_reference(value):
        return False
    if is_mostly_one_char(value) or is_sequential(value):
        return False
    # An identifier made of words (user_input, Optional) is code, not a password.
    if not any(char.isdigit() for char in value) and word_coverage(value) >= 0.6:
        return False
    if value.isalpha() and value.islower():
        return False
    return shannon_entropy(value) >= 2.5


def is_plausible_secret(value: str) -> bool:
    """Tell whether a value assigned to a secret/token/key name looks machine-generated."""
    if len(value) < 12 or is_rejected(value) or _looks_like_reference(value):
        return False
    if is_mostly_one_char(value) or is_sequential(value):
        return False
    if not any(char.isdigit() for char in value) and not has_classes(value, 2):
        return False
    if word_coverage(value) >= 0.5:
        return False
    return shannon_entropy(value) >= (3.5 if len(value) < 24 else 3.2)
