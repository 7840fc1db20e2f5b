#include "db/repositories/repositories.h"

#include <limits>
#include <nlohmann/json.hpp>

namespace sanaq::db {
namespace {

constexpr std::string_view kChainKeyLabel = "sanaq-audit-chain-v2";

constexpr const char* kColumns =
    "seq, at_utc, at_local, actor, action, object_type, object_id, reason, details, prev_hash, hash";

AuditEntry read_entry(const Statement& st) {
    AuditEntry e;
    e.seq = st.int64(0);
    e.at_utc = st.text(1);
    e.at_local = st.text(2);
    e.actor = st.text(3);
    e.action = st.text(4);
    e.object_type = st.text(5);
    e.object_id = st.text(6);
    e.reason = st.text(7);
    e.details = st.text(8);
    e.prev_hash = st.text(9);
    e.hash = st.text(10);
    return e;
}

AuditHead read_head(Database& db) {
    auto& st = db.cached("SELECT seq, hash FROM audit_head WHERE id = 1");
    if (!st.step()) throw DbFailure(damaged_file_error(db.file(), "audit head row missing"));
    AuditHead head{st.int64(0), st.text(1)};
    st.reset();
    return head;
}

/// Marks the entries of changes that recovery voided (db/transaction.h): each
/// `store.commit_incomplete` entry names the sequence numbers the change appended. Read from the
/// trail itself, so the mark holds in either key layout and moves with the chained entries.
void mark_voided(Database& db, std::vector<AuditEntry>& entries) {
    if (entries.empty()) return;
    // Through the object index: recovery names the part (census or dept) as the object.
    auto& st = db.cached(
        "SELECT details FROM audit_entries WHERE object_id IN ('census', 'dept') AND action = ?");
    st.bind(1, kAuditCommitIncomplete);
    std::vector<std::pair<std::int64_t, std::int64_t>> voided;
    while (st.step()) {
        const auto details = nlohmann::json::parse(std::string(st.view(0)), nullptr, false);
        if (!details.is_object()) continue;
        const auto first = details.find("audit_first");
        const auto last = details.find("audit_seq");
        if (first == details.end() || last == details.end() || !first->is_number_integer() ||
            !last->is_number_integer())
            continue;
        const auto from = first->get<std::int64_t>(), to = last->get<std::int64_t>();
        if (from > 0 && to >= from) voided.emplace_back(from, to);
    }
    st.reset();
    for (auto& e : entries)
        for (const auto& [first, last] : voided)
            if (e.seq >= first && e.seq <= last) e.voided = true;
}

}  // namespace

void SqlAuditTrail::use_chain_key(const SecretKey& master, bool derived) {
    if (derived)
        std::copy(master.data(), master.data() + SecretKey::kSize, chain_key_.begin());
    else
        chain_key_ = crypto::hmac_sha256(master, kChainKeyLabel);
    keyed_ = true;
}

SecretKey audit_chain_key(const SecretKey& master) {
    SecretKey key;
    const auto mac = crypto::hmac_sha256(master, kChainKeyLabel);
    std::copy(mac.begin(), mac.end(), key.data());
    return key;
}

std::optional<KeySplitBoundary> verified_key_split(Database& db, const MemberSignatures& members) {
    auto& param = db.cached("SELECT name, value FROM main.store_parameters WHERE name IN (?, ?)");
    param.bind(1, kKeySplitEntryParameter).bind(2, kKeySplitRootSignatureParameter);
    std::string entry_seq, root_signature;
    while (param.step())
        (param.view(0) == kKeySplitEntryParameter ? entry_seq : root_signature) = param.text(1);
    param.reset();
    if (entry_seq.empty() || root_signature.empty() ||
        entry_seq.find_first_not_of("0123456789") != std::string::npos || entry_seq.size() > 18)
        return std::nullopt;
    const std::int64_t seq = std::stoll(entry_seq);
    auto& st = db.cached(
        "SELECT e.actor, e.action, e.hash, s.signer, s.signature FROM main.audit_entries e "
        "JOIN main.audit_signatures s ON s.seq = e.seq WHERE e.seq = ?");
    st.bind(1, seq);
    if (!st.step()) {
        st.reset();
        return std::nullopt;
    }
    const std::string actor = st.text(0), action = st.text(1), hash = st.text(2),
                      signer = st.text(3), signature = st.text(4);
    st.reset();
    if (action != kAuditKeysSplit || signer != members.slot_of(actor)) return std::nullopt;
    const auto role =
        members.signed_as(signer, audit_signing_input(members.workspace_id(), hash), signature);
    if (!role || (*role != Role::Officer && *role != Role::Supervisor)) return std::nullopt;
    if (!members.signed_by_first_root(key_split_signing_input(members.workspace_id(), hash),
                                      root_signature))
        return std::nullopt;
    return KeySplitBoundary{seq, signer};
}

SqlAuditTrail::~SqlAuditTrail() { crypto::cleanse(chain_key_.data(), chain_key_.size()); }

std::int64_t SqlAuditTrail::keyed_from() {
    // Set once (at creation, or at the first sign-in of a workspace from before keying) and never
    // changed, so one read per connection is enough.
    if (!keyed_from_) {
        auto& st = db_.cached("SELECT value FROM store_parameters WHERE name = 'audit_keyed_from'");
        keyed_from_ = st.step() ? std::stoll(st.text(0)) : std::numeric_limits<std::int64_t>::max();
        st.reset();
    }
    return *keyed_from_;
}

std::string SqlAuditTrail::hash_of(const AuditEntry& entry) {
    if (!keyed_ || entry.seq < keyed_from()) return plain_audit_hash(entry);
    const std::string canonical = audit_canonical(entry);
    return crypto::to_hex(crypto::hmac_sha256(chain_key_, canonical));
}

Result<AuditEntry> SqlAuditTrail::append(AuditEntry entry) {
    return guarded([&]() -> Result<AuditEntry> {
        const AuditHead head = read_head(db_);
        entry.seq = head.seq + 1;
        seal(entry, head.hash, [this](const AuditEntry& e) { return hash_of(e); });
        db_.query(std::string("INSERT INTO audit_entries (") + kColumns + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                  entry.seq, entry.at_utc, entry.at_local, entry.actor, entry.action, entry.object_type,
                  entry.object_id, entry.reason, entry.details, entry.prev_hash, entry.hash)
            .run();
        db_.query("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", entry.seq, entry.hash).run();
        if (const MemberSignatures* members = signatures_.signatures()) {
            // Per-role keys: signed by the member appending it, over its hash (which covers every
            // field and the previous entry's hash), so whoever holds only common's key can append
            // entries of their own but not rewrite or re-chain anyone else's.
            auto signature =
                members->sign(audit_signing_input(members->workspace_id(), entry.hash));
            SANAQ_TRY(signature);
            db_.query(
                   "INSERT OR REPLACE INTO main.audit_signatures (seq, signer, signature) VALUES "
                   "(?, ?, ?)",
                   entry.seq, members->signer(), *signature)
                .run();
        }
        return entry;
    });
}

Result<std::vector<AuditEntry>> SqlAuditTrail::list(const AuditFilter& f) {
    return guarded([&]() -> Result<std::vector<AuditEntry>> {
        // The statement text depends only on which filters are set, so at most 32 variants get cached.
        std::string sql = std::string("SELECT ") + kColumns + " FROM audit_entries WHERE 1";
        if (!f.actor.empty()) sql += " AND actor = ?";
        if (!f.action_prefix.empty()) sql += " AND action >= ? AND action < ?";
        if (!f.object_id.empty()) sql += " AND object_id = ?";
        if (!f.from_utc.empty()) sql += " AND at_utc >= ?";
        if (!f.to_utc.empty()) sql += " AND at_utc < ?";
        sql += " ORDER BY seq DESC LIMIT ?";
        auto& st = db_.cached(sql);
        int i = 1;
        if (!f.actor.empty()) st.bind(i++, f.actor);
        if (!f.action_prefix.empty()) {
            // Byte-wise range: 0xFF never occurs in UTF-8, so prefix..prefix\xFF holds every extension.
            st.bind(i++, f.action_prefix);
            st.bind(i++, f.action_prefix + "\xff");
        }
        if (!f.object_id.empty()) st.bind(i++, f.object_id);
        if (!f.from_utc.empty()) st.bind(i++, f.from_utc);
        if (!f.to_utc.empty()) st.bind(i++, f.to_utc);
        st.bind(i++, f.limit == 0 ? std::int64_t{-1} : static_cast<std::int64_t>(f.limit));
        std::vector<AuditEntry> out;
        while (st.step()) out.push_back(read_entry(st));
        st.reset();
        mark_voided(db_, out);
        return out;
    });
}

Result<std::vector<AuditEntry>> SqlAuditTrail::all_in_storage_order() {
    return guarded([&]() -> Result<std::vector<AuditEntry>> {
        auto& st = db_.cached(std::string("SELECT ") + kColumns + " FROM audit_entries ORDER BY id");
        std::vector<AuditEntry> out;
        while (st.step()) out.push_back(read_entry(st));
        st.reset();
        mark_voided(db_, out);
        return out;
    });
}

Result<AuditHead> SqlAuditTrail::head() {
    return guarded([&]() -> Result<AuditHead> { return read_head(db_); });
}

Result<AuditVerification> SqlAuditTrail::verify(const std::vector<WitnessedHead>& witnessed) {
    auto entries = all_in_storage_order();
    SANAQ_TRY(entries);
    return guarded([&]() -> Result<AuditVerification> {
        AuditSignatureCheck signed_ok;
        std::unordered_map<std::int64_t, std::pair<std::string, std::string>> signed_by;
        if (const MemberSignatures* members = signatures_.signatures()) {
            auto& st = db_.cached("SELECT seq, signer, signature FROM main.audit_signatures");
            while (st.step()) signed_by.emplace(st.int64(0), std::pair{st.text(1), st.text(2)});
            st.reset();
            // Every entry of a per-role workspace is signed by its actor's member key (the roster
            // keeps removed members and the keys of reset ones) — but for those written before a
            // split from a single key, when nobody had member keys: the split's entry, signed
            // by the member who split and the conversion root, covers them through its hash.
            const auto split = verified_key_split(db_, *members);
            const std::int64_t unsigned_before = split ? split->seq : 0;
            signed_ok = [&, members, unsigned_before](const AuditEntry& e) {
                if (e.seq < unsigned_before) return true;
                const auto it = signed_by.find(e.seq);
                return it != signed_by.end() && it->second.first == members->slot_of(e.actor) &&
                       members
                           ->signed_as(it->second.first,
                                       audit_signing_input(members->workspace_id(), e.hash),
                                       it->second.second)
                           .has_value();
            };
        }
        auto v = verify_chain(
            *entries, read_head(db_), [this](const AuditEntry& e) { return hash_of(e); },
            signed_ok);
        check_witnessed_heads(v, *entries, witnessed);
        return v;
    });
}

Result<std::int64_t> SqlAuditTrail::count() {
    return guarded([&]() -> Result<std::int64_t> {
        auto& st = db_.cached("SELECT count(*) FROM audit_entries");
        st.step();
        return st.int64(0);
    });
}

}  // namespace sanaq::db
