"""Encrypting backups: AES-256-GCM in authenticated chunks (the STREAM construction).

A backup holds password hashes, second-factor seeds, unused backup codes and private
attachments, so it is never written in clear. The key is 32 random bytes, given to the site as
URL-safe base64 (`DJANGO_BACKUP_KEY`, or a file named by `DJANGO_BACKUP_KEY_FILE`; a new one:
`manage.py backup_site --generate-key`). Layout of an encrypted file:

    MAGIC (8) | key id (8) | salt (32) | chunk, chunk, ..., last chunk

Each file gets its own key, HKDF-SHA256(master key, salt), so the chunk counter can serve as
the nonce. Chunk i is AES-GCM(file key, nonce = i (11 bytes, big-endian) + last flag (1 byte),
plaintext up to CHUNK bytes, associated data = the header), 16 bytes of tag each. Reordered,
truncated, extended or altered chunks fail the tag check; the key id (the first 8 bytes of the
master key's SHA-256) tells a wrong key apart from a damaged file, so the message can say which.
The primitives are `cryptography`'s (AESGCM, HKDF); only the framing is ours, the one age and
Tink use.
"""

import base64
import binascii
import hashlib
import os
import secrets

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"DVBAK\x00\x01\x00"
SALT_BYTES = 32
KEY_ID_BYTES = 8
HEADER_BYTES = len(MAGIC) + KEY_ID_BYTES + SALT_BYTES
CHUNK = 64 * 1024
TAG_BYTES = 16
MAX_CHUNKS = 2**32  # 256 TB: far beyond any site, and the counter never wraps


class BackupKeyError(Exception):
    """No key, a malformed key, or the archive was made with another key."""


class BackupTampered(Exception):
    """The encrypted archive is damaged or was changed."""


def generate_key():
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def parse_key(text):
    """The 32 key bytes from URL-safe base64 text (spaces around ignored)."""
    try:
        key = base64.urlsafe_b64decode(text.strip().encode())
    except (binascii.Error, ValueError) as error:
        raise BackupKeyError("Khoá sao lưu không hợp lệ (cần 32 byte mã hoá base64).") from error
    if len(key) != 32:
        raise BackupKeyError("Khoá sao lưu không hợp lệ (cần 32 byte mã hoá base64).")
    return key


def key_id(key):
    return hashlib.sha256(b"dvsite-backup-key-id" + key).digest()[:KEY_ID_BYTES]


def _file_key(key, salt):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"dvsite backup v1").derive(
        key
    )


def _nonce(counter, last):
    return counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class Encryptor:
    """A binary file-like object: what is written to it reaches `target` encrypted.

    `close()` seals the last chunk (it does not close `target`); without it the archive is
    truncated, which decryption refuses.
    """

    def __init__(self, target, key):
        salt = os.urandom(SALT_BYTES)
        self.header = MAGIC + key_id(key) + salt
        self.cipher = AESGCM(_file_key(key, salt))
        self.target = target
        self.buffer = bytearray()
        self.counter = 0
        self.closed = False
        target.write(self.header)

    def write(self, data):
        self.buffer += data
        # Keep at least one byte back: the last chunk is sealed differently, at close().
        while len(self.buffer) > CHUNK:
            self._seal(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]
        return len(data)

    def _seal(self, chunk, *, last):
        self.target.write(self.cipher.encrypt(_nonce(self.counter, last), chunk, self.header))
        self.counter += 1

    def close(self):
        if not self.closed:
            self._seal(bytes(self.buffer), last=True)
            self.buffer.clear()
            self.closed = True

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if exc[0] is None:
            self.close()


def encrypt_stream(source, target, key):
    """Read plaintext from `source` (a binary file), write the encrypted form to `target`."""
    with Encryptor(target, key) as encryptor:
        while chunk := source.read(CHUNK):
            encryptor.write(chunk)


def read_header(source, key):
    header = source.read(HEADER_BYTES)
    if len(header) < HEADER_BYTES or not header.startswith(MAGIC):
        raise BackupTampered(
            "Tệp không phải bản sao lưu đã mã hoá của cổng thông tin (hoặc đã bị hỏng)."
        )
    if header[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES] != key_id(key):
        raise BackupKeyError(
            "Bản sao lưu được mã hoá bằng một khoá khác: kiểm tra DJANGO_BACKUP_KEY "
            "(hoặc DJANGO_BACKUP_KEY_FILE)."
        )
    return header


def decrypt_stream(source, target, key):
    """Write the plaintext of `source` to `target`; raise before trusting any of it.

    Every chunk is checked as it is read; the caller must discard `target` when this raises
    (a check fails on the chunk that was changed, after the ones before it were written).
    """
    header = read_header(source, key)
    cipher = AESGCM(_file_key(key, header[-SALT_BYTES:]))
    counter = 0
    sealed = source.read(CHUNK + TAG_BYTES)
    while True:
        following = source.read(CHUNK + TAG_BYTES)
        last = not following
        try:
            target.write(cipher.decrypt(_nonce(counter, last), sealed, header))
        except InvalidTag as error:
            raise BackupTampered(
                "Bản sao lưu đã bị sửa đổi hoặc bị hỏng (kiểm tra mã hoá thất bại ở đoạn "
                f"{counter + 1}); không khôi phục gì."
            ) from error
        if last:
            return
        counter += 1
        if counter >= MAX_CHUNKS:
            raise BackupTampered("Bản sao lưu quá lớn hoặc bị hỏng.")
        sealed = following
