#!/usr/bin/env python3
"""Opens a Sanaq workspace with per-role keys (keyslots.json version 3) from db/README.md alone —
Python's cryptography and sqlite3, no SQLCipher — as the holder of one member's password would,
outside the program ("Threat model", "Key hierarchy (per-role layout)").

usage: read_per_role_workspace_independently.py FOLDER USER PASSWORD [--keyslots FILE] [checks]

It unwraps the member's slot, verifies the roster from the root the slot pins (following certified
roots), the part records and the grants, opens every grant addressed to the member (and tries the
member's key on every other grant), then tries every key it got on every part file in FOLDER (the
SQLCipher 3 page format, as read_workspace_independently.py reads workspace.db) and counts the rows
of each table of every file it decrypts. Prints a JSON summary.

--keyslots FILE reads another keyslots.json than FOLDER's (an old copy kept by a removed member)
against the part files now in FOLDER. The checks exit 1 when the summary says otherwise:
  --expect-keys LIST       the parts whose key the member got from a grant (comma-separated; "" none)
  --expect-opened LIST     the parts whose file on disk any of those keys decrypts ("" none)
  --expect-count P.T=N     table T of part P (decrypted) has N rows; repeatable
  --expect-verified        the roster, every part record and every grant to the member verify
  --expect-no-slot         the document has no slot for USER (nothing unwrapped, nothing opened)
  --expect-pinned-root I/N the slot pins root I of the roster's N roots (0-based)
Exits 77 (skipped) when the cryptography package (with Argon2id) is not installed.
"""
import argparse, base64, glob, hashlib, hmac, json, os, re, sqlite3, struct, sys, tempfile

try:
    from cryptography.exceptions import InvalidSignature, InvalidTag
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
except ImportError:
    print("cryptography with Argon2id, X25519 and Ed25519 not available: skipped")
    sys.exit(77)

PARTS = ("common", "census", "dept")
# "Key hierarchy": which role holds which part, and who may make (sign the record of) a part.
HOLDS = {"administrator": {"common", "dept", "root"}, "officer": {"common", "census", "dept"},
         "supervisor": {"common", "census", "dept"}, "custodian": {"common"}}
MAY_MAKE = {"administrator": {"common", "dept"}, "officer": {"census", "dept"},
            "supervisor": {"census", "dept"}, "custodian": set()}
# "workspace.db: SQLCipher parameters": the pinned block, field by field.
SQLCIPHER = {"cipher": "aes-256-cbc", "cipher_page_size": 4096, "kdf_iter": 64000, "fast_kdf_iter": 2,
             "cipher_use_hmac": True, "hmac": "HMAC-SHA1", "hmac_salt_mask": 58, "key_form": "raw"}


def b64(text, size=None):
    raw = base64.b64decode(text, validate=True)
    if size is not None and len(raw) != size:
        raise ValueError(f"{size} bytes expected, {len(raw)} found")
    return raw


def b64text(raw):
    return base64.b64encode(raw).decode()


def canonical(obj):
    """keyslots.json version 3: keys sorted, no spaces, non-ASCII as UTF-8."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def pick(obj, *names):
    """The members a signature covers (those present of `names`)."""
    return {n: obj[n] for n in names if n in obj}


def labelled(label, ws_id, body):
    return label.encode() + b"\0" + ws_id.encode() + b"\0" + body


def verifies(public_raw, signature_raw, message):
    try:
        Ed25519PublicKey.from_public_bytes(public_raw).verify(signature_raw, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def raw_public(private):
    return private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key):
    return hmac.new(key, b"sanaq-key-id", hashlib.sha256).digest()[:16].hex()


def decrypt_sqlcipher3(data, key):
    """The SQLCipher 3 page format ("workspace.db: SQLCipher parameters"); None when `key` is not
    the file's (page 1's HMAC does not verify) or the file is no such file."""
    page_size, reserve = SQLCIPHER["cipher_page_size"], 48
    if not data or len(data) % page_size or data[:15] == b"SQLite format 3":
        return None
    salt = data[:16]
    hmac_key = hashlib.pbkdf2_hmac("sha1", key, bytes(b ^ SQLCIPHER["hmac_salt_mask"] for b in salt),
                                   SQLCIPHER["fast_kdf_iter"], 32)
    plain = bytearray()
    for n in range(len(data) // page_size):
        page = data[n * page_size:(n + 1) * page_size]
        start = 16 if n == 0 else 0
        body = page[start:page_size - reserve]
        iv = page[page_size - reserve:page_size - reserve + 16]
        mac = page[page_size - reserve + 16:page_size - reserve + 36]
        expect = hmac.new(hmac_key, body + iv + struct.pack("<I", n + 1), hashlib.sha1).digest()
        if not hmac.compare_digest(mac, expect):
            if n == 0:
                return None  # another key
            raise AssertionError(f"HMAC of page {n + 1} does not verify under the key of page 1")
        dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain += (b"SQLite format 3\0" if n == 0 else b"") + dec.update(body) + dec.finalize() + bytes(reserve)
    return bytes(plain)


def read_plain(plain):
    """Row counts of every table, and part_meta / store_parameters, of a decrypted file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "plain.db")
        with open(path, "wb") as out:
            out.write(plain)
        db = sqlite3.connect(path)
        try:
            tables = [r[0] for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
            meta = {}
            if "part_meta" in tables:
                cols = [d[0] for d in db.execute("SELECT * FROM part_meta").description]
                meta = [dict(zip(cols, r)) for r in db.execute("SELECT * FROM part_meta")]
            params = {}
            if "store_parameters" in tables:
                params = {k: v for k, v in db.execute("SELECT name, value FROM store_parameters")
                          if k in ("workspace_id", "cipher", "cipher_page_size", "key_split_entry",
                                   "key_split_root_signature")}
            samples = {}
            if "persons" in tables:
                samples["persons.surname"] = sorted({r[0] for r in db.execute("SELECT surname FROM persons")})
            if "dept_settings" in tables:
                samples["dept_settings.key"] = sorted(r[0] for r in db.execute("SELECT key FROM dept_settings"))
            if "audit_entries" in tables:
                samples["audit_entries.action"] = [r[0] for r in db.execute(
                    "SELECT action FROM audit_entries ORDER BY seq")]
            audit = []
            if "audit_signatures" in tables:
                audit = [list(r) for r in db.execute(
                    "SELECT e.seq, e.actor, e.hash, coalesce(s.signer, ''), coalesce(s.signature, ''), "
                    "e.action FROM audit_entries e LEFT JOIN audit_signatures s ON s.seq = e.seq "
                    "ORDER BY e.id")]
        finally:
            db.close()
    return {"counts": counts, "part_meta": meta, "store_parameters": params, "samples": samples,
            "audit": audit}


def length_prefixed(label, *fields):
    """db/README.md "Audit chain": the label, a newline, then each field as <length>:<bytes>\n."""
    out = label.encode() + b"\n"
    for f in fields:
        b = f.encode()
        out += str(len(b)).encode() + b":" + b + b"\n"
    return out


def check_audit_signatures(rows, ws, roster, problems, params=None):
    """Every audit entry of common signed by its actor's member key over its hash; in a workspace
    split from a single key, those before the split's own entry covered by it instead (db/README.md
    "Audit chain"): that entry signed by its actor as an officer or supervisor and its hash by the
    first root."""
    keys = {}
    roles = {}
    for m in roster["members"]:
        keys.setdefault(m["slot"], []).append(b64(m["ed25519"], 32))
        roles[m["slot"]] = m["role"]
    for k in roster.get("retired", []):
        keys.setdefault(k["slot"], []).append(b64(k["ed25519"], 32))

    def signed_by_actor(actor, entry_hash, signer, signature):
        actor_slot = hashlib.sha256(b"sanaq-slot\0" + ws.encode() + b"\0" + actor.encode()).hexdigest()
        message = length_prefixed("sanaq-audit-sig-v1", ws, entry_hash)
        sig = base64.b64decode(signature) if signature else b""
        return signer == actor_slot and any(verifies(k, sig, message) for k in keys.get(signer, []))

    unsigned_before = 0
    params = params or {}
    split_seq, root_sig = params.get("key_split_entry", ""), params.get("key_split_root_signature", "")
    if split_seq.isdigit() and root_sig:
        for seq, actor, entry_hash, signer, signature, action in rows:
            if seq != int(split_seq) or action != "keys.split":
                continue
            if (signed_by_actor(actor, entry_hash, signer, signature)
                    and roles.get(signer) in ("officer", "supervisor")
                    and verifies(b64(roster["roots"][0]["key"], 32), base64.b64decode(root_sig),
                                 length_prefixed("sanaq-key-split-v1", ws, entry_hash))):
                unsigned_before = seq
    verified = 0
    for seq, actor, entry_hash, signer, signature, _action in rows:
        if seq < unsigned_before:
            verified += 1
            continue
        if not signed_by_actor(actor, entry_hash, signer, signature):
            problems.append(f"audit entry {seq} is not signed by its actor")
            return verified
        verified += 1
    return verified


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("user")
    ap.add_argument("password")
    ap.add_argument("--keyslots")
    ap.add_argument("--expect-keys")
    ap.add_argument("--expect-opened")
    ap.add_argument("--expect-count", action="append", default=[])
    ap.add_argument("--expect-verified", action="store_true")
    ap.add_argument("--expect-no-slot", action="store_true")
    ap.add_argument("--expect-pinned-root")
    args = ap.parse_args()

    doc_path = args.keyslots or os.path.join(args.folder, "keyslots.json")
    with open(doc_path, encoding="utf-8") as f:
        doc = json.load(f)
    assert doc["format"] == "sanaq-keyslots" and doc["version"] == 3 and doc["binary_encoding"] == "base64", \
        "not a keyslots.json version 3"
    assert doc["sqlcipher"] == SQLCIPHER, doc["sqlcipher"]
    ws = doc["workspace_id"]
    assert re.fullmatch("[0-9a-f]{32}", ws), ws
    summary = {"keyslots": os.path.basename(doc_path), "user": args.user, "problems": [], "keys": {},
               "files": {}}
    problems = summary["problems"]

    # The slot: Argon2id, AES-256-GCM, 128 bytes of the member's own secrets ("Key hierarchy").
    slot_id = hashlib.sha256(b"sanaq-slot\0" + ws.encode() + b"\0" + args.user.encode()).hexdigest()
    slot = next((s for s in doc["slots"] if s["id"] == slot_id), None)
    summary["slot_found"] = slot is not None
    keys = {}  # (part, generation) -> key: everything this password leads to
    if slot is not None:
        kdf, wrap = slot["kdf"], slot["wrap"]
        assert kdf["name"] == "argon2id" and kdf["version"] == 0x13 and wrap["name"] == "aes-256-gcm"
        kek = Argon2id(salt=b64(kdf["salt"], 16), length=32, iterations=kdf["t_cost"], lanes=kdf["parallelism"],
                       memory_cost=kdf["m_cost_kib"]).derive(args.password.encode())
        try:
            payload = AESGCM(kek).decrypt(b64(wrap["nonce"], 12), b64(wrap["wrapped_key"], 128) + b64(wrap["tag"], 16),
                                          b"sanaq-keyslot-v3\0" + ws.encode() + b"\0" + slot_id.encode())
        except InvalidTag:
            print("the slot does not open with this password", file=sys.stderr)
            return 1
        x_priv = X25519PrivateKey.from_private_bytes(payload[0:32])
        e_seed = payload[32:64]
        pinned = payload[64:96]
        remembered = dict(zip(("roster", "common", "census", "dept"), struct.unpack(">4Q", payload[96:128])))
        summary["slot_remembers"] = remembered

        # The roster, from the pinned root along the certificates.
        roster = doc["roster"]
        roots = [b64(r["key"], 32) for r in roster["roots"]]
        verified_roster = pinned in roots
        if not verified_roster:
            problems.append("the roster's roots do not include the pinned one")
        else:
            start = roots.index(pinned)
            summary["pinned_root_index"] = start
            for i in range(start + 1, len(roots)):
                cert = b64(roster["roots"][i]["certificate"], 64) if "certificate" in roster["roots"][i] else b""
                msg = labelled("sanaq-root-v3", ws, (roster["roots"][i]["key"] + "#" + str(i)).encode())
                if not verifies(roots[i - 1], cert, msg):
                    problems.append(f"root {i} is not certified by root {i - 1}")
                    verified_roster = False
            body = {"generation": roster["generation"],
                    "roots": [pick(r, "key", "certificate") for r in roster["roots"]],
                    "members": [pick(m, "slot", "role", "active", "x25519", "ed25519", "since_utc")
                                for m in roster["members"]],
                    "pending_grants": [pick(p, "slot", "part", "requested_by") for p in roster["pending_grants"]],
                    "pending_rotation": [pick(p, "part", "generation", "key_id", "holders")
                                         for p in roster["pending_rotation"]]}
            if "retired" in roster:  # signed only when present (keys of members whose keys were reset)
                body["retired"] = [pick(k, "slot", "role", "ed25519", *(["generations"] if "generations" in k else []))
                                   for k in roster["retired"]]
            if not verifies(roots[-1], b64(roster["signature"], 64), labelled("sanaq-roster-v3", ws, canonical(body))):
                problems.append("the roster's signature does not verify")
                verified_roster = False
        if roster["generation"] < remembered["roster"]:
            problems.append("the roster is older than the slot remembers")
        summary["roster"] = {"generation": roster["generation"], "roots": len(roots), "verified": verified_roster,
                             "pending_rotation": roster["pending_rotation"]}
        members = {m["slot"]: m for m in roster["members"]}
        me = members.get(slot_id)
        summary["role"] = me["role"] if me else None
        summary["active"] = bool(me and me["active"])
        if not me:
            problems.append("the roster does not list this slot")
        elif b64(me["x25519"], 32) != raw_public(x_priv) or \
                b64(me["ed25519"], 32) != raw_public(Ed25519PrivateKey.from_private_bytes(e_seed)):
            problems.append("the roster's public keys of this member are not the slot's")

        def awaiting_rotation(part, generation, key, recipient=None):
            """A rotation of this generation and key is pending (for a grant: to one of its holders)."""
            return any(p["part"] == part and p["generation"] == generation and p["key_id"] == key
                       and (recipient is None or recipient in p["holders"]) for p in roster["pending_rotation"])

        def signed_by(member, part, generation, signature, message, may):
            """The member's current key, or one of theirs retired (at a password reset) while the part
            was at this generation or later, in a role `may` accepts."""
            if verifies(b64(member["ed25519"], 32), signature, message):
                return True
            return any(k["slot"] == member["slot"] and may(k["role"])
                       and k.get("generations", {}).get(part, 0) >= generation
                       and verifies(b64(k["ed25519"], 32), signature, message)
                       for k in roster.get("retired", []))

        # Part records: signed by a member who may make the part (or one awaiting rotation).
        records = {}
        for rec in doc["parts"]:
            part, gen = rec["part"], rec["generation"]
            assert part in PARTS and rec["file"] == f"{part}.{gen}.db", rec["file"]
            signer = members.get(rec["signer"])
            ok = signer is not None and signed_by(
                signer, part, gen, b64(rec["signature"], 64),
                labelled("sanaq-part-v3", ws, canonical(pick(rec, "part", "file", "generation", "key_id", "signer"))),
                lambda role: part in MAY_MAKE[role])
            entitled = signer is not None and ((signer["active"] and part in MAY_MAKE[signer["role"]])
                                               or awaiting_rotation(part, gen, rec["key_id"]))
            if not (ok and entitled):
                problems.append(f"the record of {part} does not verify")
            if gen < remembered.get(part, 0):
                problems.append(f"{part} is older than the slot remembers")
            records[part] = dict(rec, verified=ok and entitled)

        # Grants: X25519 + HKDF-SHA256 + AES-256-GCM, the context as AAD; Ed25519 by the granter.
        tried_others = opened_others = 0
        for g in doc["grants"]:
            context = labelled("sanaq-grant-v3", ws, canonical(pick(g, "slot", "part", "generation", "key_id", "granter")))
            eph = b64(g["ephemeral"], 32)
            sealed = b64(g["sealed_key"], 32)
            shared = x_priv.exchange(X25519PublicKey.from_public_bytes(eph))
            wrap_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=ws.encode(),
                            info=b"sanaq-grant-v3").derive(shared + eph + raw_public(x_priv))
            try:
                key = AESGCM(wrap_key).decrypt(b64(g["nonce"], 12), sealed + b64(g["tag"], 16), context)
            except InvalidTag:
                key = None
            if g["slot"] != slot_id:
                tried_others += 1
                opened_others += key is not None
                continue
            if key is None:
                problems.append(f"a grant of {g['part']} to this member does not open")
                continue
            granter = members.get(g["granter"])
            signed = granter is not None and signed_by(
                granter, g["part"], g["generation"], b64(g["signature"], 64),
                context + b"\0" + "\0".join([g["ephemeral"], g["nonce"], g["sealed_key"], g["tag"]]).encode(),
                lambda role: g["part"] in HOLDS[role])
            entitled = granter is not None and ((granter["active"] and g["part"] in HOLDS[granter["role"]])
                                                or awaiting_rotation(g["part"], g["generation"], g["key_id"], g["slot"]))
            rec = records.get(g["part"])
            current = g["part"] == "root" or (rec is not None and rec["generation"] == g["generation"]
                                               and rec["key_id"] == g["key_id"])
            mine = summary["active"] and g["part"] in HOLDS[me["role"]]  # a member opens only their role's parts
            verified = signed and entitled and current and key_id(key) == g["key_id"] and mine
            if g["part"] == "root":
                verified = verified and raw_public(Ed25519PrivateKey.from_private_bytes(key)) == roots[-1]
            if not verified:
                problems.append(f"the grant of {g['part']} generation {g['generation']} does not verify")
            keys[(g["part"], g["generation"])] = key
            summary["keys"][g["part"]] = {"generation": g["generation"], "verified": verified, "current": current}
        summary["grants_to_others"] = {"tried": tried_others, "opened": opened_others}
        summary["parts"] = {p: {"file": r["file"], "generation": r["generation"], "verified": r["verified"]}
                            for p, r in records.items()}

    # Every part file on disk, under every key the password led to (an attacker tries them all).
    for path in sorted(glob.glob(os.path.join(args.folder, "*.db"))):
        name = os.path.basename(path)
        with open(path, "rb") as f:
            data = f.read()
        entry = {"opened_with": None, "wal": os.path.exists(path + "-wal")}
        for (part, gen), key in keys.items():
            if part == "root":
                continue
            plain = decrypt_sqlcipher3(data, key)
            if plain is not None:
                entry["opened_with"] = f"{part}.{gen}"
                entry.update(read_plain(plain))
                if entry["audit"]:
                    entry["audit_signed"] = check_audit_signatures(entry["audit"], ws, doc["roster"], problems,
                                                                   entry["store_parameters"])
                del entry["audit"]
                break
        summary["files"][name] = entry

    opened = sorted({name.split(".")[0] for name, e in summary["files"].items() if e["opened_with"]})
    summary["opened"] = opened
    print(json.dumps(summary, indent=1, ensure_ascii=False, sort_keys=True))

    failures = []
    if args.expect_no_slot and summary["slot_found"]:
        failures.append("a slot was found for the user")
    if args.expect_keys is not None:
        want = sorted(p for p in args.expect_keys.split(",") if p)
        if sorted(summary["keys"]) != want:
            failures.append(f"keys from grants: {sorted(summary['keys'])}, expected {want}")
    if args.expect_opened is not None:
        want = sorted(p for p in args.expect_opened.split(",") if p)
        if opened != want:
            failures.append(f"parts on disk decrypted: {opened}, expected {want}")
    if args.expect_verified:
        if not summary["slot_found"]:
            failures.append("no slot to verify")
        if problems:
            failures.append(f"does not verify: {problems}")
    if args.expect_pinned_root is not None:
        got = f"{summary.get('pinned_root_index')}/{summary.get('roster', {}).get('roots')}"
        if got != args.expect_pinned_root:
            failures.append(f"pinned root {got}, expected {args.expect_pinned_root}")
    for spec in args.expect_count:
        m = re.fullmatch(r"(\w+)\.(\w+)=(\d+)", spec)
        assert m, spec
        part, table, n = m.group(1), m.group(2), int(m.group(3))
        got = [e["counts"].get(table) for name, e in summary["files"].items()
               if e["opened_with"] and name.startswith(part + ".")]
        if got != [n]:
            failures.append(f"{part}.{table}: {got}, expected [{n}]")
    for f in failures:
        print("FAILED: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
