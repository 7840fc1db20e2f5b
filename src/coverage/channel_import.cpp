#include "coverage/channel_import.h"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/domain/clock.h"
#include "tables/table.h"

namespace sanaq {

std::string channel_record_key(std::string_view source, const lists::ChannelRow& row) {
    const std::string head = "C:" + std::string(source) + ":";
    if (!row.confirmation_code.empty()) return head + row.confirmation_code;
    if (row.iin_valid) return head + row.iin;
    return head + "line:" + std::to_string(row.line);
}

Result<ChannelImportPreview> preview_channel_import(Session& session,
                                                    const ChannelImportRequest& request) {
    SANAQ_TRY(require(session.actor, Operation::ImportLists));
    ChannelImportPreview out;
    out.request = request;
    if (out.request.source.empty()) out.request.source = std::string(kDefaultChannelSource);
    if (out.request.source.size() > 100)
        return fail(ErrorCode::InvalidInput, N_("The source name is longer than 100 characters."));
    out.source_name = request.file.filename().string();
    auto st = session.store.read([&](StoreSession& tx) -> Status {
        auto version = tx.channels().next_version(out.request.source);
        SANAQ_TRY(version);
        out.version = *version;
        return {};
    });
    SANAQ_TRY(st);
    auto table = tables::read_table(request.file);
    SANAQ_TRY(table);
    auto preview = lists::read_channel_file(std::move(*table));
    SANAQ_TRY(preview);
    out.preview = std::move(*preview);
    return out;
}

Result<ChannelFile> import_channel_file(Session& session, const ChannelImportPreview& preview) {
    SANAQ_TRY(require(session.actor, Operation::ImportLists));
    if (!preview.preview.file_problems.empty())
        return std::unexpected(preview.preview.file_problems.front());
    if (preview.preview.importable_count() == 0)
        return fail(ErrorCode::InvalidInput,
                    N_("The channel file has no row that can be imported; nothing was stored."));
    const auto& source = preview.request.source;
    ChannelFile file;
    file.source = source;
    file.source_name = preview.source_name;
    file.imported_at_utc = iso_utc(session.clock.now());
    file.imported_by = session.actor.user;
    file.rows_read = static_cast<std::int64_t>(preview.preview.rows.size());
    file.rows_imported = preview.preview.importable_count();
    file.rows_rejected = preview.preview.rejected_count();
    file.rows_with_warnings = preview.preview.warning_count();
    file.encoding = preview.preview.encoding;

    std::vector<ChannelRecord> records;
    records.reserve(static_cast<std::size_t>(file.rows_imported));
    std::unordered_map<std::string, int> seen;
    for (const auto& row : preview.preview.rows) {
        if (!row.importable()) continue;
        ChannelRecord c;
        c.line = row.line;
        c.iin = row.iin;
        c.iin_valid = row.iin_valid;
        c.surname = row.surname;
        c.name = row.name;
        c.patronymic = row.patronymic;
        c.birth_date = row.birth_date;
        c.channel = std::string(enumeration_channel_code(*row.channel));
        c.residence = row.residence ? std::string(residence_code(*row.residence)) : std::string();
        c.confirmation_code = row.confirmation_code;
        c.synced_at = row.synced_at;
        c.synced_on = row.synced_on;
        c.institution_bin = row.institution_bin;
        c.kato = row.kato;
        c.warnings = row.warning_codes();
        std::string key = channel_record_key(source, row);
        if (int n = ++seen[key]; n > 1) key += "#" + std::to_string(n);
        c.record_id = std::move(key);
        records.push_back(std::move(c));
    }

    auto st = session.store.write([&](StoreSession& tx) -> Status {
        // Taken again inside the transaction: another import may have landed since the preview.
        auto version = tx.channels().next_version(source);
        SANAQ_TRY(version);
        file.version = *version;
        auto id = tx.channels().insert(file, records);
        SANAQ_TRY(id);
        file.id = *id;
        return record(tx, session,
                      {"channels.import", "channel_source", source, "",
                       nlohmann::json{{"file", file.source_name},
                                      {"version", file.version},
                                      {"rows_read", file.rows_read},
                                      {"imported", file.rows_imported},
                                      {"rejected", file.rows_rejected},
                                      {"warnings", file.rows_with_warnings}}
                           .dump()});
    });
    SANAQ_TRY(st);
    return file;
}

Result<std::vector<ChannelFile>> channel_file_versions(Session& session,
                                                       const std::string& source) {
    SANAQ_TRY(require(session.actor, Operation::ImportLists));
    return query<std::vector<ChannelFile>>(
        session.store, [&](StoreSession& tx) { return tx.channels().versions(source); });
}

}  // namespace sanaq
