#include <boost/test/unit_test.hpp>

#include "core/domain/audit.h"

using namespace sanaq;

namespace {
std::vector<AuditEntry> chain(int n) {
    std::vector<AuditEntry> entries;
    std::string prev = kAuditGenesisHash;
    for (int i = 1; i <= n; ++i) {
        AuditEntry e;
        e.seq = i;
        e.at_utc = "2026-11-22T09:00:0" + std::to_string(i % 10) + "Z";
        e.at_local = "2026-11-22T14:00:00+05:00";
        e.actor = "officer";
        e.action = "kit.issue";
        e.object_type = "kit";
        e.object_id = "KIT-" + std::to_string(i);
        seal(e, prev);
        prev = e.hash;
        entries.push_back(e);
    }
    return entries;
}
AuditHead head_of(const std::vector<AuditEntry>& e) { return {e.back().seq, e.back().hash}; }
}  // namespace

BOOST_AUTO_TEST_SUITE(audit_chain)

BOOST_AUTO_TEST_CASE(intact_chain_verifies) {
    auto e = chain(5);
    auto v = verify_chain(e, head_of(e));
    BOOST_TEST(v.intact());
    BOOST_TEST(v.checked == 5u);
}

BOOST_AUTO_TEST_CASE(altered_entry_is_named) {
    auto e = chain(5);
    const auto head = head_of(e);
    e[2].object_id = "KIT-99";
    auto v = verify_chain(e, head);
    BOOST_TEST((v.problem == AuditProblem::Altered));
    BOOST_TEST(v.first_bad_seq == 3);
}

BOOST_AUTO_TEST_CASE(removed_entry_is_named) {
    auto e = chain(5);
    const auto head = head_of(e);
    e.erase(e.begin() + 1);
    auto v = verify_chain(e, head);
    BOOST_TEST((v.problem == AuditProblem::Removed));
    BOOST_TEST(v.first_bad_seq == 2);
}

BOOST_AUTO_TEST_CASE(reordered_entries_are_caught) {
    auto e = chain(5);
    const auto head = head_of(e);
    std::swap(e[1], e[2]);
    auto v = verify_chain(e, head);
    BOOST_TEST((v.problem == AuditProblem::Reordered));
    BOOST_TEST(v.first_bad_seq == 2);
}

BOOST_AUTO_TEST_CASE(cut_tail_is_caught_by_the_head) {
    auto e = chain(5);
    const auto head = head_of(e);
    e.pop_back();
    auto v = verify_chain(e, head);
    BOOST_TEST((v.problem == AuditProblem::Truncated));
    BOOST_TEST(v.first_bad_seq == 5);
}

BOOST_AUTO_TEST_CASE(an_entry_whose_signature_does_not_hold_is_named_after_its_hash) {
    auto e = chain(5);
    const auto head = head_of(e);
    const AuditSignatureCheck all_but_4 = [](const AuditEntry& x) { return x.seq != 4; };
    auto v = verify_chain(e, head, plain_audit_hash, all_but_4);
    BOOST_TEST((v.problem == AuditProblem::BadSignature));
    BOOST_TEST(v.first_bad_seq == 4);
    BOOST_TEST(std::string(audit_problem_label(v.problem)).size() > 0u);
    // An entry whose own hash no longer matches is named as altered first.
    e[1].details = "{}";
    v = verify_chain(e, head, plain_audit_hash, all_but_4);
    BOOST_TEST((v.problem == AuditProblem::Altered));
    BOOST_TEST(v.first_bad_seq == 2);
    // Without a check (one key for every role) nothing is asked of signatures.
    BOOST_TEST(verify_chain(chain(5), head).intact());
}

BOOST_AUTO_TEST_CASE(fields_cannot_bleed_into_each_other) {
    AuditEntry a, b;
    a.action = "kit.issue";
    a.object_type = "kit";
    b.action = "kit.iss";
    b.object_type = "uekit";
    BOOST_TEST(audit_canonical(a) != audit_canonical(b));
}

BOOST_AUTO_TEST_SUITE_END()
