#include "app/territory_imports.h"

#include "tables/kato_classifier.h"
#include "tables/table.h"

namespace sanaq::app {

Result<KatoImport> import_kato_classifier(Session& session, const std::filesystem::path& file,
                                          std::string_view edition, const JobProgressFn& progress,
                                          const CancelToken& cancel) {
    // Before the file is opened: who may not change settings learns that, not what the file holds.
    SANAQ_TRY(require(session.actor, Operation::ManageSettings));
    auto checked = validate_kato_edition(edition);
    SANAQ_TRY(checked);
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    if (progress) progress({kReadClassifierStage, 0, 3});
    auto table = tables::read_table(file);
    SANAQ_TRY(table);
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    if (progress) progress({kReadClassifierStage, 1, 3});
    auto parsed = tables::parse_kato_classifier(*table, *checked);
    SANAQ_TRY(parsed);
    if (!parsed->problems.empty()) return KatoImport{std::nullopt, std::move(parsed->problems)};
    if (cancel.cancelled()) return std::unexpected(cancelled_error());
    if (progress) progress({kReadClassifierStage, 2, 3});
    auto stored = store_kato_classifier(session, *checked, file.filename().string(), std::move(parsed->entries));
    SANAQ_TRY(stored);
    if (progress) progress({kReadClassifierStage, 3, 3});
    return KatoImport{std::move(*stored), {}};
}

}  // namespace sanaq::app
