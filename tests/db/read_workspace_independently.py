#!/usr/bin/env python3
"""Opens a Sanaq workspace from db/README.md alone — Python's cryptography and sqlite3, no SQLCipher.

usage: read_workspace_independently.py FOLDER USER PASSWORD
Exits 77 (skipped) when the cryptography package (with Argon2id) is not installed.
"""
import base64, hashlib, hmac, json, os, sqlite3, struct, sys, tempfile

try:
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
except ImportError:
    print("cryptography with Argon2id not available: skipped")
    sys.exit(77)

folder, user, password = sys.argv[1], sys.argv[2], sys.argv[3]

# keyslots.json -> master key
slots = json.load(open(os.path.join(folder, "keyslots.json"), encoding="utf-8"))
assert slots["format"] == "sanaq-keyslots" and slots["version"] == 2 and slots["binary_encoding"] == "base64"
ws_id = slots["workspace_id"]
slot_id = hashlib.sha256(b"sanaq-slot\0" + ws_id.encode() + b"\0" + user.encode()).hexdigest()
slot = next(s for s in slots["slots"] if s["id"] == slot_id)
kdf = slot["kdf"]
assert kdf["name"] == "argon2id" and kdf["version"] == 0x13
kek = Argon2id(salt=base64.b64decode(kdf["salt"]), length=32, iterations=kdf["t_cost"],
               lanes=kdf["parallelism"], memory_cost=kdf["m_cost_kib"]).derive(password.encode())
wrap = slot["wrap"]
assert wrap["name"] == "aes-256-gcm"
aad = b"sanaq-keyslot-v1\0" + ws_id.encode() + b"\0" + slot_id.encode()
master = AESGCM(kek).decrypt(base64.b64decode(wrap["nonce"]),
                             base64.b64decode(wrap["wrapped_key"]) + base64.b64decode(wrap["tag"]), aad)

# The document's MAC: the text without "mac", as the writer prints it, under a key from the master key.
body = json.dumps({k: v for k, v in slots.items() if k != "mac"}, indent=2, ensure_ascii=False) + "\n"
mac_key = hmac.new(master, b"sanaq-keyslots-mac-v2\0" + ws_id.encode(), hashlib.sha256).digest()
assert hmac.compare_digest(hmac.new(mac_key, body.encode(), hashlib.sha256).digest(), base64.b64decode(slots["mac"])), \
    "keyslots.json MAC"

# The conversion to per-role keys, step one: the user's member keys under their password, pinning
# the conversion root, whose seed opens under a key from the master key.
if "enrolment" in slots:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    raw = lambda k: k.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    e = slots["enrolment"]
    label = b"sanaq-conversion-root-v2\0" + ws_id.encode()
    seal_key = hmac.new(master, label, hashlib.sha256).digest()
    seed = AESGCM(seal_key).decrypt(base64.b64decode(e["root_seed"]["nonce"]),
                                    base64.b64decode(e["root_seed"]["sealed"]) + base64.b64decode(e["root_seed"]["tag"]), label)
    assert raw(Ed25519PrivateKey.from_private_bytes(seed)) == base64.b64decode(e["root"]), "conversion root"
    me = next(m for m in e["members"] if m["slot"]["id"] == slot_id)
    k, w = me["slot"]["kdf"], me["slot"]["wrap"]
    member_kek = Argon2id(salt=base64.b64decode(k["salt"]), length=32, iterations=k["t_cost"],
                          lanes=k["parallelism"], memory_cost=k["m_cost_kib"]).derive(password.encode())
    secrets = AESGCM(member_kek).decrypt(base64.b64decode(w["nonce"]),
                                         base64.b64decode(w["wrapped_key"]) + base64.b64decode(w["tag"]),
                                         b"sanaq-keyslot-v3\0" + ws_id.encode() + b"\0" + slot_id.encode())
    assert len(secrets) == 128 and secrets[64:96] == base64.b64decode(e["root"]), "member slot pins the root"
    assert raw(X25519PrivateKey.from_private_bytes(secrets[:32])) == base64.b64decode(me["x25519"])
    assert raw(Ed25519PrivateKey.from_private_bytes(secrets[32:64])) == base64.b64decode(me["ed25519"])
    print("enrolment: member keys and conversion root verify")

# workspace.db -> plain SQLite pages (SQLCipher 3 page format)
c = slots["sqlcipher"]
assert c["cipher"] == "aes-256-cbc" and c["cipher_use_hmac"] and c["hmac"] == "HMAC-SHA1" and c["key_form"] == "raw"
page_size, reserve = c["cipher_page_size"], 48  # 16-byte IV + 20-byte HMAC, rounded up to 16
data = open(os.path.join(folder, "workspace.db"), "rb").read()
assert len(data) % page_size == 0 and data[:15] != b"SQLite format 3"
salt = data[:16]
hmac_key = hashlib.pbkdf2_hmac("sha1", master, bytes(b ^ c["hmac_salt_mask"] for b in salt), c["fast_kdf_iter"], 32)
plain = bytearray()
for n in range(len(data) // page_size):
    page = data[n * page_size:(n + 1) * page_size]
    start = 16 if n == 0 else 0
    body, iv, mac = page[start:page_size - reserve], page[page_size - reserve:page_size - reserve + 16], \
        page[page_size - reserve + 16:page_size - reserve + 36]
    expect = hmac.new(hmac_key, body + iv + struct.pack("<I", n + 1), hashlib.sha1).digest()
    assert hmac.compare_digest(mac, expect), f"HMAC of page {n + 1} does not verify"
    dec = Cipher(algorithms.AES(master), modes.CBC(iv)).decryptor()
    clear = dec.update(body) + dec.finalize()
    plain += (b"SQLite format 3\0" if n == 0 else b"") + clear + bytes(reserve)

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "plain.db")
    with open(path, "wb") as out:
        out.write(plain)
    db = sqlite3.connect(path)
    version = db.execute("PRAGMA user_version").fetchone()[0]
    params = dict(db.execute("SELECT name, value FROM store_parameters"))
    assert params["workspace_id"] == ws_id, params
    assert params["cipher"] == "aes-256-cbc" and params["cipher_page_size"] == str(page_size)
    dept = db.execute("SELECT value FROM settings WHERE key = 'department.name_ru'").fetchone()[0]
    kit = db.execute("SELECT number, tablet_serial FROM kits").fetchone()
    parts = db.execute("SELECT count(*) FROM kit_components").fetchone()[0]
    # Schema 5 (coverage): a list version with its entries, a result, a review item.
    lists = db.execute("SELECT id, institution_bin, as_of, version FROM institution_lists").fetchall()
    entries = db.execute("SELECT list_id, record_id, line, surname FROM list_entries ORDER BY line").fetchall()
    results = db.execute("SELECT side, record_id, institution_bin, outcome FROM reconcile_results").fetchall()
    review = db.execute("SELECT kind, first_id, state, last_run_id FROM review_items").fetchall()
    # Schema 6 (upstream outbox): a batch, its body in chunks, its members.
    batches = db.execute("SELECT id, uuid, state, households, persons, compressed_size FROM upstream_batches").fetchall()
    body = b"".join(row[0] for row in db.execute(
        "SELECT bytes FROM upstream_batch_bodies WHERE batch_id = ? ORDER BY position", (batches[0][0],)))
    members = db.execute("SELECT kind, row_id, revision, uuid FROM upstream_batch_members WHERE batch_id = ? "
                         "ORDER BY kind, row_id", (batches[0][0],)).fetchall()
    db.close()
assert dept == "Департамент статистики" and kit == ("KIT-SPEC-1", "SER-1") and parts == 8, (dept, kit, parts)
assert [l[1:] for l in lists] == [("990340001114", "2026-09-01", 1)], lists
assert entries == [(lists[0][0], "L:990340001114:line:1", 1, "Серікова"),
                   (lists[0][0], "L:990340001114:line:2", 2, "Жанбулатов")], entries
assert results == [("L", "L:990340001114:line:1", "990340001114", "missing")], results
assert review == [("pair", "L:990340001114:line:2", "open", 1)], review
assert version >= 6, version
assert [b[1:] for b in batches] == [("5a0c1e2f-0000-4000-8000-000000000001", "queued", 1, 1, 15)], batches
assert body == b"spec body bytes", body
assert members == [("household", 1, 1, "0b9c6f1e-1c9a-4f7e-9d2a-000000000001"),
                   ("person", 1, 1, "7d1f3c2a-5b6e-4c8d-9e0f-000000000101")], members
print(f"read schema version {version}, {len(data) // page_size} pages, kit {kit[0]} with {parts} components, "
      f"a list of {len(entries)}, an upstream batch of {len(members)} records: ok")
