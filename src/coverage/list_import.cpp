#include "coverage/list_import.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/domain/clock.h"
#include "crypto/crypto.h"
#include "core/domain/identifiers.h"
#include "core/usecases/settings.h"
#include "tables/table.h"

namespace sanaq {
namespace {

constexpr std::string_view kDefaultMapping = "default";

std::string warnings_of(const lists::PreviewRow& row) {
    std::string out;
    for (const auto& p : row.problems) {
        if (p.severity != lists::Severity::Warning) continue;
        if (!out.empty()) out += ',';
        out += lists::problem_code_name(p.code);
    }
    return out;
}

ListedPerson to_listed(const lists::ListEntry& e) {
    ListedPerson p;
    p.line = e.line;
    p.number = e.number;
    p.iin = e.iin;
    p.iin_valid = e.iin_valid;
    p.surname = e.surname;
    p.name = e.name;
    p.patronymic = e.patronymic;
    p.sex = e.sex ? std::string(sex_code(*e.sex)) : std::string();
    p.birth_date = e.birth_date;
    p.category = e.category ? std::string(lists::list_category_code(*e.category)) : std::string();
    p.note = e.note;
    return p;
}

lists::ListEntry to_entry(const ListedPerson& p) {
    lists::ListEntry e;
    e.line = p.line;
    e.number = p.number;
    e.iin = p.iin;
    e.iin_valid = p.iin_valid;
    e.surname = p.surname;
    e.name = p.name;
    e.patronymic = p.patronymic;
    e.sex = parse_sex(p.sex);
    e.birth_date = p.birth_date;
    e.category = lists::parse_list_category_code(p.category);
    e.note = p.note;
    return e;
}

}  // namespace

std::string listed_record_key(const std::string& bin, const lists::ListEntry& entry) {
    if (entry.iin_valid) return "L:" + bin + ":" + entry.iin;
    if (auto key = lists::person_key(entry); !key.empty()) return "L:" + bin + ":" + crypto::sha256_hex(key).substr(0, 16);
    return "L:" + bin + ":line:" + std::to_string(entry.line);
}

Result<ListImportPreview> preview_list_import(Session& session, const ListImportRequest& request) {
    SANAQ_TRY(require(session.actor, Operation::ImportLists));
    ListImportPreview out;
    out.request = request;
    if (!out.request.as_of.empty() && !is_iso_date(out.request.as_of))
        return fail(ErrorCode::InvalidInput, N_("The list's date {} is not a date (use YYYY-MM-DD)."), {out.request.as_of});
    out.source_name = request.file.filename().string();

    std::optional<lists::ColumnMapping> mapping = request.mapping;
    std::optional<lists::InstitutionList> before;   // the current version's entries, for the diff
    auto st = session.store.read([&](StoreSession& tx) -> Status {
        auto inst = tx.institutions().find(request.institution_bin);
        SANAQ_TRY(inst);
        if (!*inst)
            return fail(ErrorCode::NotFound,
                        N_("Institution with BIN {} is not registered. Register it first (Institutions screen or `institution add`)."),
                        {request.institution_bin});
        // No date given: the stage-1 list date of the institution's region (the orders draw the
        // lists up as of it), else the calendar's default, else today.
        if (out.request.as_of.empty()) {
            auto calendar = load_census_calendar(tx);
            SANAQ_TRY(calendar);
            out.request.as_of = list_date_for(*calendar, (*inst)->kato.code);
            if (out.request.as_of.empty()) out.request.as_of = local_date(session.clock.now());
        }
        if (!mapping) {
            const std::string name = request.mapping_name.empty() ? std::string(kDefaultMapping) : request.mapping_name;
            auto saved = tx.lists().find_mapping(request.institution_bin, name);
            SANAQ_TRY(saved);
            if (*saved) {
                auto parsed = lists::ColumnMapping::from_json(**saved);
                SANAQ_TRY(parsed);
                mapping = *parsed;
            } else if (!request.mapping_name.empty()) {
                return fail(ErrorCode::NotFound, N_("No column mapping named \"{}\" is saved for institution {}."),
                            {request.mapping_name, request.institution_bin});
            }
        }
        auto previous = tx.lists().current(request.institution_bin);
        SANAQ_TRY(previous);
        out.previous = *previous;
        auto version = tx.lists().next_version(request.institution_bin, out.request.as_of);
        SANAQ_TRY(version);
        out.version = *version;
        if (out.previous) {
            auto entries = tx.lists().entries(out.previous->id);
            SANAQ_TRY(entries);
            before = lists::InstitutionList{request.institution_bin, out.previous->as_of, out.previous->version,
                                            out.previous->source_name, {}};
            before->entries.reserve(entries->size());
            for (const auto& p : *entries) before->entries.push_back(to_entry(p));
        }
        return {};
    });
    SANAQ_TRY(st);

    auto table = tables::read_table(request.file);
    SANAQ_TRY(table);
    // The table is given away: its rows move into the preview rather than being held twice.
    auto preview = lists::read_list(std::move(*table), {.mapping = mapping, .as_of = out.request.as_of});
    SANAQ_TRY(preview);
    out.preview = std::move(*preview);

    if (before && out.preview.usable()) {
        auto now = lists::make_institution_list(out.preview, request.institution_bin, out.request.as_of, out.version,
                                                out.source_name);
        if (now) out.diff = lists::diff_lists(*before, *now);
    }
    return out;
}

Result<StoredList> import_list(Session& session, const ListImportPreview& preview) {
    SANAQ_TRY(require(session.actor, Operation::ImportLists));
    const auto& req = preview.request;
    if (!preview.preview.file_problems.empty()) return std::unexpected(preview.preview.file_problems.front());
    if (preview.preview.importable_count() == 0)
        return fail(ErrorCode::InvalidInput,
                    N_("The list has no row that can be imported. Fix the file (export the rejected rows to see why) and import it again."));
    auto list = lists::make_institution_list(preview.preview, req.institution_bin, req.as_of, preview.version,
                                             preview.source_name);
    SANAQ_TRY(list);

    StoredList stored;
    stored.institution_bin = req.institution_bin;
    stored.as_of = req.as_of;
    stored.source_name = preview.source_name;
    stored.imported_at_utc = iso_utc(session.clock.now());
    stored.imported_by = session.actor.user;
    stored.rows_read = static_cast<std::int64_t>(preview.preview.rows.size());
    stored.rows_imported = static_cast<std::int64_t>(list->entries.size());
    stored.rows_rejected = preview.preview.rejected_count();
    stored.rows_with_warnings = preview.preview.warning_count();
    stored.mapping_json = preview.preview.mapping.to_json();
    stored.encoding = preview.preview.encoding;

    std::vector<ListedPerson> entries;
    entries.reserve(list->entries.size());
    std::unordered_map<std::string, int> seen;
    std::size_t row_index = 0;
    for (const auto& row : preview.preview.rows) {
        if (!row.importable()) continue;
        const auto& e = list->entries[row_index++];
        ListedPerson p = to_listed(e);
        p.warnings = warnings_of(row);
        std::string key = listed_record_key(req.institution_bin, e);
        if (int n = ++seen[key]; n > 1) key += "#" + std::to_string(n);
        p.record_id = std::move(key);
        entries.push_back(std::move(p));
    }

    auto st = session.store.write([&](StoreSession& tx) -> Status {
        // The version is taken again inside the transaction: another import may have landed since the preview.
        auto version = tx.lists().next_version(req.institution_bin, req.as_of);
        SANAQ_TRY(version);
        stored.version = *version;
        auto id = tx.lists().insert(stored, entries);
        SANAQ_TRY(id);
        stored.id = *id;
        if (!req.save_mapping_as.empty()) {
            if (auto ok = tx.lists().save_mapping(req.institution_bin, req.save_mapping_as, stored.mapping_json,
                                                  stored.imported_at_utc, session.actor.user);
                !ok)
                return ok;
        }
        nlohmann::json details{{"file", stored.source_name}, {"as_of", stored.as_of}, {"version", stored.version},
                               {"rows_read", stored.rows_read}, {"imported", stored.rows_imported},
                               {"rejected", stored.rows_rejected}, {"warnings", stored.rows_with_warnings}};
        if (preview.diff)
            details["changes"] = {{"added", preview.diff->added.size()},
                                  {"removed", preview.diff->removed.size()},
                                  {"changed", preview.diff->changed.size()}};
        if (!req.save_mapping_as.empty()) details["mapping_saved_as"] = req.save_mapping_as;
        return record(tx, session, {"list.import", "institution", req.institution_bin, "", details.dump()});
    });
    SANAQ_TRY(st);
    return stored;
}

Status export_rejected_rows(Session& session, const ListImportPreview& preview, const std::filesystem::path& path,
                            const lists::MessageRenderer& render) {
    SANAQ_TRY(require(session.actor, Operation::ImportLists));
    // Logged before the file exists: an export of personal data is never unrecorded.
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        return record(tx, session,
                      {"list.export_rejected", "institution", preview.request.institution_bin, "",
                       nlohmann::json{{"file", path.string()}, {"source", preview.source_name},
                                      {"rows", preview.preview.rejected_count()}}
                           .dump()});
    });
    if (!st) return st;
    return lists::write_rejected_rows(path, preview.preview, render);
}

Result<std::vector<StoredList>> list_versions(Session& session, const std::string& bin) {
    if (!permits(session.actor.role, Operation::ImportLists))
        SANAQ_TRY(require(session.actor, Operation::ViewCoverage));
    return query<std::vector<StoredList>>(session.store, [&](StoreSession& tx) { return tx.lists().versions(bin); });
}

Result<std::vector<ListedPerson>> list_entries(Session& session, std::int64_t list_id) {
    SANAQ_TRY(require(session.actor, Operation::ViewCensusData));
    return query<std::vector<ListedPerson>>(session.store, [&](StoreSession& tx) { return tx.lists().entries(list_id); });
}

Result<std::vector<std::string>> saved_mappings(Session& session, const std::string& bin) {
    SANAQ_TRY(require(session.actor, Operation::ImportLists));
    return query<std::vector<std::string>>(session.store, [&](StoreSession& tx) -> Result<std::vector<std::string>> {
        auto all = tx.lists().mappings(bin);
        SANAQ_TRY(all);
        std::vector<std::string> names;
        for (auto& [name, json] : *all) names.push_back(name);
        return names;
    });
}

}  // namespace sanaq
