// Store::write is all or nothing; Store::read cannot write; the connection is safe to share.
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>

#include "fixtures.h"

using namespace sanaq;
using namespace sanaq::test;

namespace {

std::int64_t kit_count(db::Workspace& ws) {
    std::int64_t n = -1;
    must(ws.read([&](StoreSession& tx) -> Status {
        n = must(tx.kits().count({}));
        return {};
    }));
    return n;
}

std::int64_t audit_count(db::Workspace& ws) {
    std::int64_t n = -1;
    must(ws.read([&](StoreSession& tx) -> Status {
        n = must(tx.audit().count());
        return {};
    }));
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(transactions)

BOOST_FIXTURE_TEST_CASE(an_error_from_the_work_rolls_everything_back, FreshWorkspace) {
    auto r = ws->write([](StoreSession& tx) -> Status {
        must(tx.kits().insert(sample_kit("KIT-0001", "0001")));
        must(tx.audit().append(draft_entry(kAdmin, "kit.register", "KIT-0001")));
        return fail(ErrorCode::RefusedByState, "Kit {} is already issued.", {"KIT-0001"});
    });
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::RefusedByState));
    BOOST_TEST(r.error().args == std::vector<std::string>{"KIT-0001"});
    BOOST_TEST(kit_count(*ws) == 0);
    BOOST_TEST(audit_count(*ws) == 0);
}

BOOST_FIXTURE_TEST_CASE(a_repository_error_midway_rolls_back_the_earlier_steps, FreshWorkspace) {
    must(ws->write([](StoreSession& tx) -> Status { return tx.kits().insert(sample_kit("KIT-0001", "0001")); }));
    auto r = ws->write([](StoreSession& tx) -> Status {
        SANAQ_TRY(tx.kits().insert(sample_kit("KIT-0002", "0002")));
        if (auto ok = tx.kits().insert(sample_kit("KIT-0001", "0003")); !ok) return ok;  // AlreadyExists
        return {};
    });
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::AlreadyExists));
    BOOST_TEST(kit_count(*ws) == 1);
}

BOOST_FIXTURE_TEST_CASE(an_exception_rolls_back_and_becomes_unexpected, FreshWorkspace) {
    auto r = ws->write([](StoreSession& tx) -> Status {
        must(tx.kits().insert(sample_kit("KIT-0001", "0001")));
        throw std::runtime_error("boom");
    });
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::Unexpected));
    BOOST_TEST(r.error().detail == "boom");
    BOOST_TEST(kit_count(*ws) == 0);
    // The workspace is still usable afterwards.
    must(ws->write([](StoreSession& tx) -> Status { return tx.kits().insert(sample_kit("KIT-0001", "0001")); }));
    BOOST_TEST(kit_count(*ws) == 1);
}

BOOST_FIXTURE_TEST_CASE(a_write_inside_a_read_is_refused, FreshWorkspace) {
    auto r = ws->read([](StoreSession& tx) -> Status { return tx.kits().insert(sample_kit("KIT-0001", "0001")); });
    BOOST_REQUIRE(!r);
    BOOST_TEST(kit_count(*ws) == 0);
    must(ws->write([](StoreSession& tx) -> Status { return tx.settings().set("a", "b"); }));  // writes work again
}

BOOST_FIXTURE_TEST_CASE(nested_transactions_are_refused_not_deadlocked, FreshWorkspace) {
    auto r = ws->write([&](StoreSession& tx) -> Status {
        must(tx.settings().set("outer", "1"));
        return ws->write([](StoreSession& inner) -> Status { return inner.settings().set("inner", "1"); });
    });
    BOOST_REQUIRE(!r);
    BOOST_TEST((r.error().code == ErrorCode::Unexpected));
    must(ws->read([](StoreSession& tx) -> Status {
        BOOST_TEST(!must(tx.settings().get("outer")).has_value());
        return {};
    }));
}

BOOST_FIXTURE_TEST_CASE(committed_work_survives_reopening, FreshWorkspace) {
    must(ws->write([](StoreSession& tx) -> Status {
        must(tx.kits().insert(sample_kit("KIT-0001", "0001")));
        return drop_value(tx.audit().append(draft_entry(kAdmin, "kit.register", "KIT-0001")));
    }));
    close();
    reopen();
    BOOST_TEST(kit_count(*ws) == 1);
    BOOST_TEST(audit_count(*ws) == 1);
}

BOOST_FIXTURE_TEST_CASE(threads_share_one_workspace, FreshWorkspace) {
    std::atomic<int> failures{0};
    auto worker = [&](int base) {  // no Boost.Test macros off the main thread
        for (int i = 0; i < 50; ++i) {
            const auto number = "KIT-" + std::to_string(base + i);
            auto w = ws->write([&](StoreSession& tx) -> Status {
                SANAQ_TRY(tx.kits().insert(sample_kit(number, std::to_string(base + i))));
                return drop_value(tx.audit().append(draft_entry(kAdmin, "kit.register", number)));
            });
            auto r = ws->read([](StoreSession& tx) -> Status { return drop_value(tx.kits().count({})); });
            if (!w || !r) ++failures;
        }
    };
    std::thread a(worker, 1000), b(worker, 2000);
    a.join();
    b.join();
    BOOST_TEST(failures.load() == 0);
    BOOST_TEST(kit_count(*ws) == 100);
    must(ws->read([](StoreSession& tx) -> Status {
        BOOST_TEST(must(tx.audit().verify()).intact());
        return {};
    }));
}

BOOST_AUTO_TEST_SUITE_END()
