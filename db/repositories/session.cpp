#include "db/repositories/session.h"

#include "db/repositories/repositories.h"

namespace sanaq::db {

struct SqlStoreSession::Repositories {
    explicit Repositories(Database& db)
        : summaries(db),
          signatures(db),
          users(db),
          audit(db, signatures),
          institutions(db),
          staff(db),
          kits(db),
          custody(db),
          acts(db),
          paper(db),
          settings(db, signatures),
          territories(db),
          device_keys(db, signatures),
          packages(db, summaries, signatures),
          census(db),
          lists(db, summaries),
          channels(db),
          reconciliation(db, summaries),
          reviews(db),
          outbox(db, summaries),
          list_register(db) {}
    DepartmentSummaries summaries;  // first: the repositories below hold a reference to it
    RowSignatures signatures;       // likewise
    SqlUserRepository users;
    SqlAuditTrail audit;
    SqlInstitutionRepository institutions;
    SqlStaffRepository staff;
    SqlKitRepository kits;
    SqlCustodyRepository custody;
    SqlActRepository acts;
    SqlPaperStockRepository paper;
    SqlSettingsRepository settings;
    SqlTerritoryRepository territories;
    SqlDeviceKeyRepository device_keys;
    SqlPackageRepository packages;
    SqlCensusRecordRepository census;
    SqlListRepository lists;
    SqlChannelRepository channels;
    SqlReconciliationRepository reconciliation;
    SqlReviewRepository reviews;
    SqlOutboxRepository outbox;
    SqlListRegisterRepository list_register;
};

SqlStoreSession::SqlStoreSession(Database& db) : repos_(std::make_unique<Repositories>(db)) {}
SqlStoreSession::SqlStoreSession(Database& db, const SecretKey& master, bool derived_chain_key)
    : repos_(std::make_unique<Repositories>(db)) {
    repos_->audit.use_chain_key(master, derived_chain_key);
}
SqlStoreSession::~SqlStoreSession() = default;
void SqlStoreSession::route_department_settings(DepartmentSettings where) {
    repos_->settings.route_department_settings(where);
    repos_->summaries.route(where);  // the summaries live in dept, beside those settings
}

void SqlStoreSession::use_signatures(std::shared_ptr<const MemberSignatures> signatures) {
    repos_->signatures.use(std::move(signatures));
}
Status SqlStoreSession::sign_heads() {
    return guarded([&]() -> Status {
        repos_->signatures.sign_heads();
        return {};
    });
}

Status SqlStoreSession::sign_every_row() {
    return guarded([&]() -> Status {
        repos_->signatures.sign_every_row();
        return {};
    });
}

Status SqlStoreSession::compute_department_summaries() {
    return guarded([&]() -> Status {
        auto run = repos_->reconciliation.last_run();
        SANAQ_TRY(run);
        if (*run && !(*run)->finished_at_utc.empty()) repos_->summaries.record_run(**run);
        repos_->summaries.recount_coverage();
        repos_->summaries.outbox_changed(false, 0, 0);
        return {};
    });
}

Status SqlStoreSession::sign_again_rows_of(std::string_view slot, Role previous) {
    return guarded([&]() -> Status {
        repos_->signatures.sign_again_rows_of(slot, previous);
        return {};
    });
}

UserRepository& SqlStoreSession::users() { return repos_->users; }
AuditTrail& SqlStoreSession::audit() { return repos_->audit; }
InstitutionRepository& SqlStoreSession::institutions() { return repos_->institutions; }
StaffRepository& SqlStoreSession::staff() { return repos_->staff; }
KitRepository& SqlStoreSession::kits() { return repos_->kits; }
CustodyRepository& SqlStoreSession::custody() { return repos_->custody; }
ActRepository& SqlStoreSession::acts() { return repos_->acts; }
PaperStockRepository& SqlStoreSession::paper() { return repos_->paper; }
SettingsRepository& SqlStoreSession::settings() { return repos_->settings; }
TerritoryRepository& SqlStoreSession::territories() { return repos_->territories; }
DeviceKeyRepository& SqlStoreSession::device_keys() { return repos_->device_keys; }
PackageRepository& SqlStoreSession::packages() { return repos_->packages; }
CensusRecordRepository& SqlStoreSession::census() { return repos_->census; }
ListRepository& SqlStoreSession::lists() { return repos_->lists; }
ChannelRepository& SqlStoreSession::channels() { return repos_->channels; }
ReconciliationRepository& SqlStoreSession::reconciliation() { return repos_->reconciliation; }
ReviewRepository& SqlStoreSession::reviews() { return repos_->reviews; }
OutboxRepository& SqlStoreSession::outbox() { return repos_->outbox; }
ListRegisterRepository& SqlStoreSession::list_register() { return repos_->list_register; }

std::string like_substring(std::string_view text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    out += '%';
    return out;
}

std::vector<std::string> split_words(const std::string& text) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto start = text.find_first_not_of(' ', pos);
        if (start == std::string::npos) break;
        auto end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        out.emplace_back(text, start, end - start);
        pos = end;
    }
    return out;
}

}  // namespace sanaq::db
