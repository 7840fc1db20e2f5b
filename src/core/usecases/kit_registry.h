#pragma once
// Registering kits (one by one or a whole delivery from an inventory file), servicing them, and
// the counted paper stock.
#include <vector>

#include "core/usecases/session.h"

namespace sanaq {

Status register_kit(Session& session, Kit kit);

/// A kit from an inventory file with the problems found against the registers (number, tablet
/// serial or USB serial already registered). Problems from the file itself come in `problems`.
struct KitImportItem {
    int line = 0;
    Kit kit;
    std::vector<Error> problems;
};
/// Adds register conflicts to the items' problems without saving anything (the preview).
Status check_kit_import(Session& session, std::vector<KitImportItem>& items);
/// Saves every item without problems in one transaction (all or none) and returns how many.
/// Items with problems are skipped; call check_kit_import first.
Result<int> import_kits(Session& session, const std::vector<KitImportItem>& items, std::string_view source_name);

Result<std::vector<Kit>> list_kits(Session& session, const KitQuery& query);
Result<std::int64_t> count_kits(Session& session, const KitQuery& query);
Result<Kit> find_kit(Session& session, std::string_view number);

struct KitHistory {
    Kit kit;
    std::vector<KitIssue> issues;
    std::vector<ActSummary> acts;
};
Result<KitHistory> kit_history(Session& session, std::string_view number);

enum class KitService {
    SendToRepair,     // in stock → under repair
    BackFromRepair,   // under repair → in stock; damaged parts count as repaired
    WriteOff,         // in stock or under repair → written off (final)
};
Status service_kit(Session& session, std::string_view number, KitService action, std::string_view reason);

/// Puts a new part in place of a missing or damaged one (new serial). If that settles the last
/// item a holder owed, their issue closes.
Status replace_component(Session& session, std::string_view number, ComponentType type,
                         std::string_view new_serial, std::string_view reason);

struct PaperStock {
    int explanations = 0;
    int certificates = 0;
};
Result<PaperStock> paper_stock(Session& session);
Status receive_paper(Session& session, int explanations, int certificates, std::string_view note);

}  // namespace sanaq
