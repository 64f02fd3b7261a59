"""Decrypt Graph rich notifications (encryptedContent) with a ring of certificates.

Graph wraps a random AES-256 key with our certificate's RSA key (OAEP, SHA-1), signs the
ciphertext with HMAC-SHA256 under that key, and encrypts with AES-CBC, IV = key[:16]. The
signature is checked before anything is decrypted.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.padding import PKCS7


class DecryptionError(Exception):
    """The item cannot be trusted: unknown certificate, bad encoding, signature or padding."""


@dataclass(frozen=True)
class EncryptionCertificate:
    """The public half Graph encrypts with, as the subscription carries it."""

    cert_id: str
    certificate_b64: str  # base64 DER, public part only


def load_private_key(path: Path) -> rsa.RSAPrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey) or not 2048 <= key.key_size <= 4096:
        raise ValueError(f"{path}: Graph needs an RSA key of 2048 to 4096 bits")
    return key


def load_certificate(cert_id: str, path: Path) -> EncryptionCertificate:
    cert = x509.load_pem_x509_certificate(path.read_bytes())
    der = cert.public_bytes(serialization.Encoding.DER)
    return EncryptionCertificate(cert_id=cert_id, certificate_b64=base64.b64encode(der).decode())


def _b64(value: Any) -> bytes:
    if not isinstance(value, str) or not value:
        raise DecryptionError("missing field")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise DecryptionError("bad base64") from exc


class NotificationDecryptor:
    """Holds the private keys by certificate id, so the certificate can rotate."""

    def __init__(self, keys: dict[str, rsa.RSAPrivateKey]) -> None:
        self._keys = dict(keys)

    @property
    def certificate_ids(self) -> list[str]:
        return list(self._keys)

    def decrypt(self, encrypted: dict[str, Any]) -> bytes:
        """Return the plaintext resource JSON, or raise DecryptionError."""
        key = self._keys.get(str(encrypted.get("encryptionCertificateId")))
        if key is None:
            raise DecryptionError("unknown encryption certificate id")
        wrapped, data, signature = (
            _b64(encrypted.get("dataKey")),
            _b64(encrypted.get("data")),
            _b64(encrypted.get("dataSignature")),
        )
        try:
            # Graph wraps the key with OAEP over SHA-1 (its documented scheme, not our choice).
            sha1 = hashes.SHA1()  # noqa: S303
            oaep = padding.OAEP(mgf=padding.MGF1(sha1), algorithm=sha1, label=None)
            symmetric = key.decrypt(wrapped, oaep)
        except (ValueError, InvalidKey) as exc:
            raise DecryptionError("key unwrap failed") from exc
        if len(symmetric) != 32:
            raise DecryptionError("unexpected key length")
        expected = hmac.new(symmetric, data, sha256).digest()
        if not hmac.compare_digest(expected, signature):
            raise DecryptionError("signature mismatch")
        if not data or len(data) % 16:
            raise DecryptionError("ciphertext length")
        decryptor = Cipher(algorithms.AES(symmetric), modes.CBC(symmetric[:16])).decryptor()
        padded = decryptor.update(data) + decryptor.finalize()
        unpadder = PKCS7(128).unpadder()
        try:
            return unpadder.update(padded) + unpadder.finalize()
        except ValueError as exc:
            raise DecryptionError("bad padding") from exc
