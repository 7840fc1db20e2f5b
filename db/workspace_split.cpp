// The split of a single-key workspace into per-role part files (db/README.md "Converting a
// single-key workspace", design/key-hierarchy.md §7), the second step after every user enrolled:
// done by the first officer or supervisor to sign in then, because the census key must be made
// by someone whose role holds it and an administrator's never does. Nothing is re-encrypted in
// place: new files are built beside workspace.db under temporary names, and the rename of
// keyslots.json naming them is the commit point; before it the single-key workspace opens as
// it always did.

#include <algorithm>
#include <cstring>

#include "core/domain/clock.h"
#include "db/errors.h"
#include "db/key_conversion.h"
#include "db/key_membership.h"
#include "db/part_schema.h"
#include "db/repositories/repositories.h"
#include "db/workspace_state.h"

namespace sanaq::db {
namespace {

using std::filesystem::path;

/// The part files, in the order they are built (common is the connection's main database).
constexpr Part kFileParts[] = {Part::Common, Part::Dept, Part::Census};
/// Appended to a part's file name while the split builds it: named by nothing until the commit.
constexpr std::string_view kBuildingSuffix = ".split";

path building_file(const path& dir, Part part) {
    return dir / (part_file_name(part, 1) + std::string(kBuildingSuffix));
}

/// The part files' own tables: nothing of them is in workspace.db.
bool part_own_table(std::string_view table) {
    return table == "cross_commits" || table == "part_meta" || table == "dept_settings" ||
           table == "coverage_summary" || table == "outbox_summary";
}

Error split_cancelled() {
    return Error::make(ErrorCode::Cancelled,
                       N_("Converting the workspace to per-role keys was stopped. It keeps its "
                          "single key until the next sign-in of an officer or supervisor."));
}

Error split_failed(std::string detail) {
    return Error::make(ErrorCode::Unexpected,
                       N_("An unexpected error stopped the work; nothing of it was saved."), {},
                       "key split: " + std::move(detail));
}

struct ActiveUser {
    std::string name;
    Role role = Role::Custodian;
};

/// The active users with their roles, from the single-key database (the roster's source).
Result<std::vector<ActiveUser>> active_users(Database& db) {
    std::vector<ActiveUser> users;
    try {
        auto& q = db.query("SELECT name, role FROM main.users WHERE active = 1 ORDER BY name");
        while (q.step()) {
            const auto role = parse_role(q.view(1));
            if (!role) {
                q.reset();
                return std::unexpected(
                    damaged_file_error(db.file(), "a user with an unknown role"));
            }
            users.push_back({q.text(0), *role});
        }
        q.reset();
    } catch (const DbFailure& failure) {
        return std::unexpected(failure.error());
    }
    return users;
}

/// The version 3 document of the split: the enrolled members with their roles from `users` in a
/// roster signed by the conversion root, the three parts' records and the grants per role, all
/// signed by the member who splits. The root and common's record wait in `pending_rotation`: the
/// root's seed was readable by every password until now, and an officer may not make common;
/// the administrator's next sign-in re-keys both.
struct SplitDocument {
    KeySlotFile file;
    std::map<Part, SecretKey> keys;
    std::shared_ptr<MemberSignatures> signatures;
};

Result<SplitDocument> split_document(const Workspace::State& state,
                                     const std::vector<ActiveUser>& users,
                                     const MemberSecrets& splitter, const SecretKey& root_seed) {
    const auto& enrolment = *state.slots.enrolment;
    const std::string& ws = state.slots.workspace_id;
    SplitDocument doc;
    KeySlotFile& file = doc.file;
    file.version = KeySlotFile::kHierarchyVersion;
    file.workspace_id = ws;
    file.cipher = pinned_cipher_parameters();
    Roster& roster = file.roster.emplace();
    roster.generation = 1;
    roster.roots.push_back({enrolment.root, std::nullopt});
    const std::string now = iso_utc(std::chrono::system_clock::now());
    for (const auto& user : users) {
        const EnrolledMember* enrolled = enrolment.find(slot_id_for(ws, user.name));
        if (!enrolled) return std::unexpected(split_failed("a user is not enrolled"));
        roster.members.push_back(
            {enrolled->slot.id, user.role, true, enrolled->agreement, enrolled->signing, now});
        file.slots.push_back(enrolled->slot);
    }
    const std::string splitter_slot = slot_id_for(ws, state.user);
    const RosterMember* me = roster.find(splitter_slot);
    if (!me) return std::unexpected(split_failed("the splitting member is not in the roster"));
    const RosterMember splitter_member = *me;

    for (Part part : kFileParts) {
        auto key = random_key();
        SANAQ_TRY(key);
        PartRecord record{part, part_file_name(part, 1), 1, key_id(*key), {}, {}};
        SANAQ_TRY(sign_part_record(ws, record, splitter_member, splitter.signing_seed));
        file.parts.push_back(std::move(record));
        for (const auto& member : roster.members) {
            if (!role_holds(member.role, part)) continue;
            auto grant =
                make_grant(ws, member, part, 1, *key, splitter_member, splitter.signing_seed);
            SANAQ_TRY(grant);
            file.grants.push_back(std::move(*grant));
        }
        doc.keys.emplace(part, std::move(*key));
    }
    std::vector<std::string> administrators, others;
    for (const auto& member : roster.members) {
        if (member.role == Role::Administrator) administrators.push_back(member.slot);
        if (member.slot != splitter_slot) others.push_back(member.slot);
    }
    // The administrators' root grants are valid from an officer only as a pending rotation's
    // holders; so is common's record (an officer may not make common otherwise).
    for (const auto& admin : administrators) {
        const RosterMember* recipient = roster.find(admin);
        auto grant = make_grant(ws, *recipient, Part::Root, 1, root_seed, splitter_member,
                                splitter.signing_seed);
        SANAQ_TRY(grant);
        file.grants.push_back(std::move(*grant));
    }
    roster.pending_rotation.push_back({Part::Common, 1, key_id(doc.keys.at(Part::Common)), others});
    roster.pending_rotation.push_back({Part::Root, 1, key_id(root_seed), administrators});
    SANAQ_TRY(sign_roster(ws, roster, root_seed));
    doc.signatures =
        std::make_shared<MemberSignatures>(ws, splitter_slot, splitter.signing_seed, roster);
    return doc;
}

/// Copies every table of workspace.db (attached as `legacy`) into the part that holds it, the
/// department's settings into dept, in one transaction over the three new files.
Status copy_rows(Database& db, const std::function<bool()>& advance) {
    try {
        db.exec("PRAGMA foreign_keys = OFF;");  // the rows come from a consistent database
        db.exec("BEGIN IMMEDIATE;");
        for (Part part : kFileParts) {
            const std::string schema(schema_of(part));
            for (const auto& table : part_tables(part)) {
                if (part_own_table(table)) continue;
                // Table names are the migrations' constants; no text of the file reaches SQL.
                db.exec("DELETE FROM " + schema + "." + table + ";");  // rows a part is made with
                if (table == "settings") {
                    db.exec(
                        "INSERT INTO main.settings SELECT * FROM legacy.settings "
                        "WHERE NOT (key GLOB 'secret.*' OR key GLOB 'upstream.*');"
                        "INSERT INTO dept.dept_settings (key, value) SELECT key, value FROM "
                        "legacy.settings WHERE key GLOB 'secret.*' OR key GLOB 'upstream.*';");
                } else {
                    db.exec("INSERT INTO " + schema + "." + table + " SELECT * FROM legacy." +
                            table + ";");
                }
                if (!advance()) {
                    db.exec("ROLLBACK;");
                    db.exec("PRAGMA foreign_keys = ON;");
                    return std::unexpected(split_cancelled());
                }
            }
        }
        db.query("UPDATE main.store_parameters SET value = 'per-role' WHERE name = 'key_layout'")
            .run();
        db.reset_cached();
        db.exec("COMMIT;");
        db.exec("PRAGMA foreign_keys = ON;");
    } catch (const DbFailure& failure) {
        db.reset_cached();
        try {
            if (db.in_transaction()) db.exec("ROLLBACK;");
            db.exec("PRAGMA foreign_keys = ON;");
        } catch (const DbFailure&) {
        }
        return std::unexpected(failure.error());
    }
    return {};
}

/// In the new files, as the splitting member: every signed row of common signed, the summaries
/// computed, the audit chain key kept, and the split's own entry appended, signed by the member and
/// by the conversion root so that it stands for the unsigned entries before it.
Status sign_and_record(Database& db, const Workspace::State& state, const SplitDocument& doc,
                       const SecretKey& root_seed, std::size_t members) {
    const std::string& ws = state.slots.workspace_id;
    SqlStoreSession session(db, state.audit_key, state.audit_key_is_chain_key);
    session.route_department_settings(DepartmentSettings::InDeptPart);
    session.use_signatures(doc.signatures);
    // The chain key, not the old master key it is derived from: that one opens every copy of
    // workspace.db and every single-key backup, which members added later never held.
    const SecretKey chain_key =
        state.audit_key_is_chain_key ? copy_key(state.audit_key) : audit_chain_key(state.audit_key);
    try {
        db.exec("BEGIN IMMEDIATE;");
        if (auto ok = session.sign_every_row(); !ok) throw DbFailure(ok.error());
        if (auto ok = session.compute_department_summaries(); !ok) throw DbFailure(ok.error());
        std::string hex = chain_key.hex();
        db.query("INSERT OR REPLACE INTO main.store_parameters (name, value) VALUES (?, ?)",
                 std::string(kAuditChainHmacKey), hex)
            .run();
        wipe(hex);
        const auto now = std::chrono::system_clock::now();
        AuditEntry entry;
        entry.at_utc = iso_utc(now);
        entry.at_local = iso_local(now);
        entry.actor = state.user;
        entry.action = kAuditKeysSplit;
        entry.object_type = "workspace";
        entry.object_id = ws;
        entry.details = "{\"members\":" + std::to_string(members) + "}";
        auto appended = session.audit().append(std::move(entry));
        if (!appended) throw DbFailure(appended.error());
        auto root_signature = ed25519_sign(root_seed, key_split_signing_input(ws, appended->hash));
        if (!root_signature) throw DbFailure(root_signature.error());
        for (const auto& [name, value] :
             {std::pair<std::string_view, std::string>{kKeySplitEntryParameter,
                                                       std::to_string(appended->seq)},
              {kKeySplitRootSignatureParameter, crypto::to_base64(*root_signature)}})
            db.query("INSERT OR REPLACE INTO main.store_parameters (name, value) VALUES (?, ?)",
                     std::string(name), value)
                .run();
        db.reset_cached();
        db.exec("COMMIT;");
        db.exec(
            "PRAGMA main.wal_checkpoint(TRUNCATE); PRAGMA dept.wal_checkpoint(TRUNCATE); "
            "PRAGMA census.wal_checkpoint(TRUNCATE);");
    } catch (const DbFailure& failure) {
        db.reset_cached();
        try {
            if (db.in_transaction()) db.exec("ROLLBACK;");
        } catch (const DbFailure&) {
        }
        return std::unexpected(failure.error());
    }
    return {};
}

}  // namespace

void remove_split_leftovers(const path& dir) {
    for (Part part : kFileParts) {
        remove_part_file(building_file(dir, part));
        // Moved to its name, but the document naming it was never written.
        remove_part_file(dir / part_file_name(part, 1));
    }
}

void remove_single_key_files(const path& dir) {
    remove_part_file(dir / kDatabaseFileName);
    std::error_code ec;
    const std::string prefix = std::string(kDatabaseFileName) + ".schema-";
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with(prefix) && name.ends_with(".bak"))
            std::filesystem::remove(entry.path(), ec);
    }
}

Result<bool> key_split_due(Workspace::State& state) {
    if (!state.slots.enrolment) return false;
    auto users = active_users(*state.db);
    SANAQ_TRY(users);
    const auto me = std::find_if(users->begin(), users->end(),
                                 [&](const ActiveUser& u) { return u.name == state.user; });
    if (me == users->end() || !role_holds(me->role, Part::Census)) return false;
    std::vector<std::string> names;
    for (const auto& u : *users) names.push_back(u.name);
    return not_enrolled(state.slots, names).empty();
}

Status split_into_parts(Workspace::State& state, std::string_view password,
                        const ArchiveProgress& progress) {
    const path& dir = state.dir;
    remove_split_leftovers(dir);  // a split that stopped before, at any step
    auto users = active_users(*state.db);
    SANAQ_TRY(users);
    const auto& ws = state.slots.workspace_id;
    const EnrolledMember* enrolled = state.slots.enrolment->find(slot_id_for(ws, state.user));
    if (!enrolled) return std::unexpected(split_failed("the splitting member is not enrolled"));
    auto splitter = unwrap_member_slot(ws, enrolled->slot, password);
    SANAQ_TRY(splitter);
    auto root_seed = open_conversion_root(state.slots, state.master, dir / kKeySlotsFileName);
    SANAQ_TRY(root_seed);
    auto doc = split_document(state, *users, *splitter, *root_seed);
    SANAQ_TRY(doc);

    // Progress in steps: one per table copied, then signing, closing and the commit.
    std::uint64_t total = 3;
    for (Part part : kFileParts)
        for (const auto& table : part_tables(part))
            if (!part_own_table(table)) ++total;
    std::uint64_t done = 0;
    const auto advance = [&] {
        ++done;
        return !progress || progress(done, total);
    };
    if (progress && !progress(0, total)) return std::unexpected(split_cancelled());

    struct Discard {
        const path& dir;
        bool keep = false;
        ~Discard() {
            if (!keep) remove_split_leftovers(dir);
        }
    } discard{dir};
    {
        try {
            state.db->exec("PRAGMA wal_checkpoint(TRUNCATE);");  // the attached copy sees it all
        } catch (const DbFailure& failure) {
            return std::unexpected(failure.error());
        }
        const path common_file = building_file(dir, Part::Common);
        SANAQ_TRY(make_private_file(common_file));
        auto db = Database::open(common_file, &doc->keys.at(Part::Common), Database::Mode::Create,
                                 doc->file.cipher);
        SANAQ_TRY(db);
        SANAQ_TRY(create_part_schema(**db, "main", Part::Common));
        for (Part part : {Part::Dept, Part::Census})
            if (auto ok = create_attached_part(**db, building_file(dir, part), part, 1,
                                               doc->keys.at(part), ws);
                !ok)
                return ok;
        if (auto ok = (*db)->attach("legacy", dir / kDatabaseFileName, state.master,
                                    Database::Mode::OpenExisting);
            !ok)
            return ok;
        SANAQ_TRY(copy_rows(**db, advance));
        SANAQ_TRY((*db)->detach("legacy"));
        SANAQ_TRY(sign_and_record(**db, state, *doc, *root_seed, users->size()));
        if (!advance()) return std::unexpected(split_cancelled());
    }  // closed: the WALs are folded into the files and removed
    for (Part part : kFileParts) {
        SANAQ_TRY(sync_to_disk(building_file(dir, part)));
    }
    if (!advance()) return std::unexpected(split_cancelled());
    for (Part part : kFileParts) {
        std::error_code ec;
        std::filesystem::rename(building_file(dir, part), dir / part_file_name(part, 1), ec);
        if (ec)
            return fail(ErrorCode::Io, N_("Could not write the file {}."),
                        {(dir / part_file_name(part, 1)).string()}, ec.message());
    }
    SANAQ_TRY(sync_to_disk(dir));
    if (!advance()) return std::unexpected(split_cancelled());
    // The commit point. Should the write report a failure after its rename, the document on disk
    // says which layout the folder has: the new files stay when it names them.
    if (auto ok = write_key_document(dir / kKeySlotsFileName, doc->file); !ok) {
        auto now = read_key_slots(dir / kKeySlotsFileName);
        if (!now || now->version != KeySlotFile::kHierarchyVersion) return ok;
    }
    discard.keep = true;
    return {};
}

}  // namespace sanaq::db
