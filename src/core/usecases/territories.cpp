#include "core/usecases/territories.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "core/domain/identifiers.h"

namespace sanaq {

Result<KatoEdition> store_kato_classifier(Session& session, std::string_view edition, std::string_view source_name,
                                          std::vector<KatoTerritory> entries) {
    SANAQ_TRY(require(session.actor, Operation::ManageSettings));
    auto checked = validate_kato_edition(edition);
    SANAQ_TRY(checked);
    if (entries.empty())
        return fail(ErrorCode::InvalidInput, N_("Nothing was saved: the classifier file has no entry."));
    for (auto& e : entries) e.edition = *checked;
    KatoEdition stored{*checked, std::string(source_name), iso_utc(session.clock.now()), session.actor.user,
                       static_cast<std::int64_t>(entries.size())};
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.territories().replace(stored, entries));
        return record(tx, session, {"territories.import", "kato_edition", stored.edition, "",
                                    nlohmann::json{{"file", stored.source_name}, {"entries", stored.entries}}.dump()});
    });
    SANAQ_TRY(st);
    return stored;
}

Result<std::vector<KatoEdition>> kato_editions(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::ViewInstitutions));
    return query<std::vector<KatoEdition>>(session.store, [](StoreSession& tx) { return tx.territories().editions(); });
}

Result<std::vector<TerritoryInEdition>> show_territory(Session& session, std::string_view code) {
    SANAQ_TRY(require(session.actor, Operation::ViewInstitutions));
    const std::string digits = trim(code);
    const bool shape = (digits.size() == 2 || digits.size() == 4 || digits.size() == 9) &&
                       std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!shape)
        return fail(ErrorCode::InvalidInput,
                    N_("{} is not a KATO code: give 2 digits (a region), 4 (a district) or all 9."), {digits});
    const std::string full = digits.size() == 9 ? digits : kato_code_of_prefix(digits);
    return query<std::vector<TerritoryInEdition>>(
        session.store, [&](StoreSession& tx) -> Result<std::vector<TerritoryInEdition>> {
            auto editions = tx.territories().editions();
            SANAQ_TRY(editions);
            std::vector<TerritoryInEdition> out;
            for (std::string_view edition : kKatoVersions) {
                TerritoryInEdition t;
                t.edition = std::string(edition);
                t.classifier_loaded = std::ranges::any_of(*editions, [&](const KatoEdition& e) { return e.edition == edition; });
                t.region = find_kato_region(edition, full);
                auto entry = tx.territories().find(edition, full);
                SANAQ_TRY(entry);
                t.entry = std::move(*entry);
                if (kato_level(full) > 2) {
                    auto district = tx.territories().find(edition, kato_code_of_prefix(full.substr(0, 4)));
                    SANAQ_TRY(district);
                    t.district = std::move(*district);
                }
                auto below = tx.territories().below(edition, full, kShownBelow);
                SANAQ_TRY(below);
                t.below = std::move(*below);
                out.push_back(std::move(t));
            }
            return out;
        });
}

Status check_kato_exists(StoreSession& tx, const KatoCode& code) {
    auto editions = tx.territories().editions();
    SANAQ_TRY(editions);
    const bool loaded = std::ranges::any_of(*editions, [&](const KatoEdition& e) { return e.edition == code.classifier_version; });
    if (!loaded) return {};
    auto found = tx.territories().find(code.classifier_version, code.code);
    SANAQ_TRY(found);
    if (!*found)
        return fail(ErrorCode::InvalidInput, N_("The KATO code {} is not in the {} classifier."),
                    {code.code, code.classifier_version});
    return {};
}

Result<std::string> department_region(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::ViewInstitutions));
    return query<std::string>(session.store, [](StoreSession& tx) -> Result<std::string> {
        auto v = tx.settings().get(setting::kDepartmentRegion);
        SANAQ_TRY(v);
        return v->value_or("");
    });
}

Status set_department_region(Session& session, std::string_view region) {
    SANAQ_TRY(require(session.actor, Operation::ManageSettings));
    const std::string code = trim(region);
    if (!code.empty() && (code.size() != 2 || !find_kato_region(kKatoCurrentVersion, code)))
        return fail(ErrorCode::InvalidInput, N_("{} is not a region of the {} KATO classifier."),
                    {code, std::string(kKatoCurrentVersion)});
    return session.store.write([&](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.settings().set(setting::kDepartmentRegion, code));
        return record(tx, session, {"settings.department_region", "setting", std::string(setting::kDepartmentRegion),
                                    "", nlohmann::json{{"region", code}}.dump()});
    });
}

std::optional<Error> region_warning(std::string_view department_region, const KatoCode& code,
                                    std::string_view language) {
    if (department_region.empty() || code.code.size() < 2 || code.classifier_version != kKatoCurrentVersion)
        return std::nullopt;
    if (code.code.substr(0, 2) == department_region) return std::nullopt;
    const auto region = find_kato_region(kKatoCurrentVersion, department_region);
    return Error::make(ErrorCode::InvalidInput,
                       N_("The KATO code {} is outside the department's region {} ({})."),
                       {code.code, std::string(department_region),
                        region ? std::string(region_name(*region, language)) : std::string()});
}

}  // namespace sanaq
