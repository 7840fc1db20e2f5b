// Makes a small closed workspace for read_workspace_independently.py (argv: folder user password).
#include <cstdio>

#include "db/workspace.h"

using namespace sanaq;

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: make_sample_workspace FOLDER USER PASSWORD\n");
        return 2;
    }
    auto ws = db::Workspace::create(argv[1], argv[2], argv[3], db::test_kdf());
    if (!ws) {
        std::fprintf(stderr, "%s (%s)\n", ws.error().message_id.c_str(), ws.error().detail.c_str());
        return 1;
    }
    auto ok = (*ws)->write([](StoreSession& tx) -> Status {
        if (auto r = tx.settings().set("department.name_ru", "Департамент статистики"); !r) return r;
        return tx.kits().insert(make_kit("KIT-SPEC-1", Tablet{"Tab", "SER-1", "", "USB-1"}));
    });
    return ok ? 0 : 1;
}
