// Fills an existing workspace with the benchmark register (see fleet.h), for timing the CLI:
//   SANAQ_KDF_PROFILE=test SANAQ_PASSWORD=pw sanaq --workspace W init --admin U
//   fill_fleet_workspace W U pw [kits] [partly_returned_every]
//   SANAQ_KDF_PROFILE=test SANAQ_PASSWORD=pw sanaq --workspace W --user U kit list --outstanding --json
#include <cstdio>
#include <cstdlib>

#include "db/workspace.h"
#include "fleet.h"

using namespace sanaq;

int main(int argc, char** argv) {
    if (argc < 4 || argc > 6) {
        std::fprintf(stderr, "usage: fill_fleet_workspace FOLDER USER PASSWORD [KITS=30000] [PARTLY_RETURNED_EVERY=0]\n");
        return 2;
    }
    test::FleetSize size;
    if (argc > 4) size.kits = std::atoi(argv[4]);
    if (argc > 5) size.partly_returned_every = std::atoi(argv[5]);
    auto ws = db::Workspace::open(argv[1], argv[2], argv[3], db::OpenOptions{false, db::test_kdf()});
    if (!ws) {
        std::fprintf(stderr, "open: %s (%s)\n", ws.error().message_id.c_str(), ws.error().detail.c_str());
        return 1;
    }
    if (auto ok = test::fill_fleet(**ws, size); !ok) {
        std::fprintf(stderr, "fill: %s (%s)\n", ok.error().message_id.c_str(), ok.error().detail.c_str());
        return 1;
    }
    if (auto ok = (*ws)->checkpoint(); !ok) return 1;
    std::printf("%d kits, %d open issues, %d institutions, %d staff\n", size.kits, size.kits, size.institutions,
                size.staff);
    return 0;
}
