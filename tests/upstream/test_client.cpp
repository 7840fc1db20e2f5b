// The workstation's client against the reference receiver, over real TLS on loopback, with a
// real SQLCipher workspace holding the records of a pulled simulated tablet. Every fault the
// issue names: server down, 503 with Retry-After, a connection cut mid-body, a lost answer, a
// server certificate from another CA, an expired client certificate, 409 — and after each, the
// receiver holds every record exactly once.
#include <boost/test/unit_test.hpp>

#include <thread>

#include <atomic>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "census_sim/census_sim.h"
#include "crypto/crypto.h"
#include "core/package/folder_storage.h"
#include "core/usecases/devices.h"
#include "core/usecases/pull.h"
#include "upstream/connect_proxy.h"
#include "support/receiver_fixture.h"
#include "support/upstream_configuration.h"
#include "upstream/client/https_transport.h"
#include "upstream/client/outbox.h"
#include "upstream/protocol/batch_body.h"
#include "upstream/protocol/canonical_json.h"
#include "upstream/protocol/receipt.h"
#include "upstream/protocol/gzip.h"
#include "upstream/protocol/identity.h"
#include "support/staffed_workspace.h"

using namespace sanaq;
using namespace sanaq::upstream;
namespace fs = std::filesystem;

namespace {

constexpr const char* kKit = "KIT-1001";

// A workspace with one simulated kit's packages pulled (households and persons), configured to
// send to a receiver on loopback.
struct ClientFixture : test::StaffedWorkspace {
    Session admin = as("admin", Role::Administrator);
    Session officer = as("officer", Role::Officer);
    Session supervisor = as("supervisor", Role::Supervisor);
    const test::TestPki& pki = test::TestPki::instance();
    std::int64_t households = 0, persons = 0;

    explicit ClientFixture(std::int64_t n = 240) {
        check(issue_kits(officer, {{kKit}, employee_iin, 0, 0, "", ""}));
        auto keys = department_public_keys(officer);
        check(keys);
        census_sim::MakePackagesRequest r;
        r.kit_number = kKit;
        r.department_public_file_text = *keys;
        r.persons = n;
        r.packages = 2;
        r.seed = 11;
        auto made = census_sim::make_packages(dir / "tablet", r);
        check(made);
        check(enroll_device_key(officer, kKit, made->device_public_pem));
        package::FolderTabletStorage tablet(dir / "tablet");
        check(pull_tablet(officer, tablet));
        auto stats = upstream_status(officer);
        check(stats);
        households = stats->stats.pending_households;
        persons = stats->stats.pending_persons;
        // The size of each pending household with its persons, in forming order, and the persons
        // without a pending household: what batch_count() packs by the spec's rule.
        auto st = ws->read([&](StoreSession& tx) -> Status {
            auto all = tx.outbox().pending_households(0, 1 << 30);
            SANAQ_TRY(all);
            std::int64_t grouped = 0;
            for (const auto& h : *all) {
                auto of = tx.outbox().pending_persons_of_household(h.row_id, 0, 1 << 30);
                SANAQ_TRY(of);
                household_sizes.push_back(of->size());
                grouped += static_cast<std::int64_t>(of->size());
            }
            persons_alone = persons - grouped;
            return {};
        });
        check(st);
    }

    std::vector<std::size_t> household_sizes;   // pending persons per pending household, in row order
    std::int64_t persons_alone = 0;

    ConfigureRequest request(int port, const fs::path& p12 = {}) const {
        return test::test_upstream_configuration("https://localhost:" + std::to_string(port), 50, p12);
    }

    /// Receiver arguments: the test PKI's receipt key (so receipts verify), then `extra`.
    std::vector<std::string> args(std::vector<std::string> extra = {}) const {
        std::vector<std::string> all{"--receipt-key", pki.receipt_key().string()};
        all.insert(all.end(), extra.begin(), extra.end());
        return all;
    }

    void configure(int port) { check(configure_upstream(admin, request(port))); }

    SendReport send(std::chrono::seconds wait = std::chrono::seconds(0), bool form = true) {
        SendOptions o;
        o.wait = wait;
        o.form = form;
        auto r = send_upstream(officer, o);
        BOOST_REQUIRE_MESSAGE(r.has_value(), (r ? std::string() : r.error().message_id + " " + r.error().detail));
        return *r;
    }

    OutboxStats outbox() {
        auto s = upstream_status(officer);
        check(s);
        return s->stats;
    }

    std::vector<UpstreamBatch> batches(BatchState state) {
        auto s = upstream_status(officer, 1000);
        check(s);
        std::vector<UpstreamBatch> out;
        for (auto& b : s->recent)
            if (b.state == state) out.push_back(b);
        return out;
    }

    /// The batches the spec's grouping rule ("Households and their persons") makes of the pending
    /// records: each household whole with its persons, a batch closed before one that does not fit,
    /// only a household too big for an empty batch split; then the persons without one.
    std::int64_t batch_count(std::size_t max = 50) const {
        std::int64_t batches = 0;
        std::size_t fill = 0;
        auto close = [&] {
            if (fill > 0) ++batches;
            fill = 0;
        };
        for (std::size_t n : household_sizes) {
            std::size_t group = n + 1;
            if (fill + group > max) close();
            while (group > max) {   // split, from an empty batch
                group -= max;
                fill = max;
                close();
            }
            fill += group;
            if (fill == max) close();
        }
        for (std::int64_t i = 0; i < persons_alone; ++i)
            if (++fill == max) close();
        close();
        return batches;
    }
};


std::vector<std::string> listen_on(int port) { return {"--listen", "127.0.0.1:" + std::to_string(port)}; }

test::ReceiverStats stats_of(const test::ReceiverProcess& r) { return test::receiver_stats(r.store()); }

void require_exactly_once(const test::ReceiverStats& s, std::int64_t records) {
    BOOST_TEST(s.distinct_records == records);
    BOOST_TEST(s.records_received_more_than_once == 0);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(client)

BOOST_AUTO_TEST_CASE(happy_path_every_record_goes_once_with_a_verified_receipt_and_its_mark) {
    ClientFixture f;
    BOOST_REQUIRE_GT(f.persons, 200);
    BOOST_REQUIRE_GT(f.households, 0);
    test::ReceiverProcess receiver(f.dir / "receiver", f.args());
    f.configure(receiver.port());

    auto report = f.send();
    for (const auto& a : report.attempts)
        BOOST_TEST_MESSAGE("attempt " << a.batch_uuid << " " << a.outcome.http_status << " " << a.outcome.error_code << " "
                                      << a.outcome.detail);
    BOOST_TEST(report.batches_formed == f.batch_count());
    BOOST_TEST(report.persons_formed == f.persons);
    BOOST_TEST(report.batches_accepted == report.batches_formed);
    BOOST_TEST(!report.stopped_by.has_value());
    auto stats = f.outbox();
    BOOST_TEST(stats.pending_persons == 0);
    BOOST_TEST(stats.pending_households == 0);
    BOOST_TEST(stats.persons_accepted == f.persons);
    BOOST_TEST(!stats.last_accepted_at_utc.empty());
    auto held = stats_of(receiver);
    BOOST_TEST(held.batches == f.batch_count());
    BOOST_TEST(held.persons == f.persons);
    require_exactly_once(held, f.households + f.persons);

    // Every record carries its sending mark with the receipt.
    auto accepted = f.batches(BatchState::Accepted);
    BOOST_REQUIRE(!accepted.empty());
    std::string sent_uuid;
    auto body = f.ws->read([&](StoreSession& tx) -> Status {
        auto bytes = tx.outbox().batch_body(accepted.front().uuid);
        SANAQ_TRY(bytes);
        auto text = gzip_decompress(*bytes, 64 << 20);
        BOOST_REQUIRE(text);
        auto parsed = parse_batch_body(*text);
        BOOST_REQUIRE(parsed);
        const auto& line = parsed->records.back();
        auto mark = tx.outbox().mark_of(line.household ? RecordKind::Household : RecordKind::Person, line.uuid);
        BOOST_REQUIRE(mark && *mark);
        BOOST_TEST((*mark)->batch_uuid == accepted.front().uuid);
        BOOST_TEST(((*mark)->state == BatchState::Accepted));
        BOOST_TEST((*mark)->receipt_json.find("\"signature\"") != std::string::npos);
        sent_uuid = line.uuid;
        return {};
    });
    BOOST_TEST(body.has_value());
    // The batches' bytes live only inside the encrypted store: nothing readable beside it.
    std::string where;
    BOOST_TEST(!test::any_file_contains(f.dir / "ws", sent_uuid, &where), "record UUID found in " << where);
    BOOST_TEST(!test::any_file_contains(f.dir / "ws", "\"batch_uuid\"", &where), "batch text found in " << where);

    // Nothing new: a second run forms and sends nothing.
    auto again = f.send();
    BOOST_TEST(again.batches_formed == 0);
    BOOST_TEST(again.attempts.empty());
    require_exactly_once(stats_of(receiver), f.households + f.persons);
}

// Batches bigger than a page of the pending walk (forming reads it 1,000 records at a time):
// every record once, households before persons, each batch as full as max_batch allows.
BOOST_AUTO_TEST_CASE(batches_larger_than_a_page_of_the_walk_carry_every_record_once_in_order) {
    ClientFixture f(2600);
    test::ReceiverProcess receiver(f.dir / "receiver", f.args());
    auto req = f.request(receiver.port());
    req.max_batch = 1200;
    f.check(configure_upstream(f.admin, req));
    const std::int64_t records = f.households + f.persons;
    BOOST_REQUIRE_GT(records, 2 * 1200);   // the second batch's persons take two pages

    auto report = f.send();
    BOOST_TEST(report.batches_formed == f.batch_count(1200));
    BOOST_TEST(report.households_formed == f.households);
    BOOST_TEST(report.persons_formed == f.persons);
    BOOST_TEST(report.batches_accepted == report.batches_formed);
    require_exactly_once(stats_of(receiver), records);

    // Oldest first (the status lists newest first): each batch as full as whole households allow
    // (checked in detail by households_travel_with_their_persons…).
    auto accepted = f.batches(BatchState::Accepted);
    std::reverse(accepted.begin(), accepted.end());
    std::set<std::string> uuids;
    for (std::size_t i = 0; i < accepted.size(); ++i) {
        const auto& b = accepted[i];
        BOOST_TEST(b.households + b.persons <= 1200);
        if (i + 1 < accepted.size()) BOOST_TEST(b.households + b.persons > 1100);
        auto st = f.ws->read([&](StoreSession& tx) -> Status {
            auto bytes = tx.outbox().batch_body(b.uuid);
            SANAQ_TRY(bytes);
            auto parsed = parse_batch_body(*gzip_decompress(*bytes, 64 << 20));
            BOOST_REQUIRE(parsed);
            BOOST_TEST(parsed->manifest.households == b.households);
            BOOST_TEST(parsed->manifest.persons == b.persons);
            for (const auto& line : parsed->records) uuids.insert(line.uuid);
            return {};
        });
        BOOST_REQUIRE(st);
    }
    BOOST_TEST(static_cast<std::int64_t>(uuids.size()) == records);
    BOOST_TEST(f.outbox().pending_persons == 0);
}

// The lines of the accepted batches, oldest batch first (bodies as the outbox keeps them).
std::vector<std::vector<std::string>> accepted_lines(ClientFixture& f) {
    auto accepted = f.batches(BatchState::Accepted);
    std::reverse(accepted.begin(), accepted.end());
    std::vector<std::vector<std::string>> out;
    auto st = f.ws->read([&](StoreSession& tx) -> Status {
        for (const auto& b : accepted) {
            auto bytes = tx.outbox().batch_body(b.uuid);
            SANAQ_TRY(bytes);
            auto text = gzip_decompress(*bytes, 64 << 20);
            BOOST_REQUIRE(text);
            BOOST_REQUIRE(parse_batch_body(*text));
            auto& lines = out.emplace_back();
            for (std::size_t pos = 0; pos < text->size();) {
                const auto end = text->find('\n', pos);
                lines.push_back(text->substr(pos, end - pos));
                pos = end + 1;
            }
        }
        return {};
    });
    BOOST_REQUIRE(st);
    return out;
}

// Every line the workstation writes is canonical JSON: held against the spec's check and against
// an independent writer (nlohmann's: sorted std::map keys, no white space; exact for these lines,
// which hold no control characters and no fractions). The simulated tablets keep answers in
// questionnaire order (q6 before q13), as real ones do.
BOOST_AUTO_TEST_CASE(every_line_the_workstation_writes_is_canonical_json) {
    ClientFixture f(600);
    test::ReceiverProcess receiver(f.dir / "receiver", f.args());   // refuses lines out of form (422)
    f.configure(receiver.port());
    auto report = f.send();
    BOOST_TEST(report.batches_accepted == report.batches_formed);
    BOOST_TEST(report.batches_held == 0);

    std::size_t lines = 0, out_of_order_at_source = 0;
    for (const auto& batch : accepted_lines(f))
        for (const auto& line : batch) {
            ++lines;
            auto deviation = canonical_deviation(line);
            BOOST_TEST(!deviation, line << ": " << (deviation ? deviation->what : ""));
            BOOST_TEST(nlohmann::json::parse(line).dump() == line);
            auto j = nlohmann::json::parse(line);
            if (j.value("type", "") != "person") continue;
            auto stored = f.ws->read([&](StoreSession& tx) -> Status {
                auto p = tx.census().find_person(j["uuid"].get<std::string>());
                BOOST_REQUIRE(p && *p);
                if (!(*p)->answers_json.empty() && !is_canonical_json((*p)->answers_json)) ++out_of_order_at_source;
                return {};
            });
            BOOST_REQUIRE(stored);
        }
    BOOST_TEST(lines == static_cast<std::size_t>(f.households + f.persons + report.batches_formed));
    BOOST_TEST_MESSAGE(out_of_order_at_source << " persons' answers were stored in questionnaire order");
    BOOST_TEST(out_of_order_at_source > static_cast<std::size_t>(f.persons) / 2);
    require_exactly_once(stats_of(receiver), f.households + f.persons);
}

// The grouping rule (README.md, "Households and their persons") with batches far smaller than
// the kit: in each batch the household lines come first, and every person travels in the batch of
// its household — only a household with more persons than a batch holds is split, the rest of its
// persons opening the next batch.
BOOST_AUTO_TEST_CASE(households_travel_with_their_persons_even_in_small_batches) {
    ClientFixture f(600);
    test::ReceiverProcess receiver(f.dir / "receiver", f.args());
    auto req = f.request(receiver.port());
    constexpr std::size_t kMax = 37;
    req.max_batch = kMax;
    f.check(configure_upstream(f.admin, req));
    const std::int64_t records = f.households + f.persons;
    auto report = f.send();
    BOOST_TEST(report.batches_formed == f.batch_count(kMax));
    BOOST_TEST(report.batches_accepted == report.batches_formed);
    require_exactly_once(stats_of(receiver), records);

    const auto batches = accepted_lines(f);
    std::map<std::string, std::size_t> batch_of_household, persons_of_household;
    std::vector<std::pair<std::size_t, std::string>> after_their_household;   // (batch, household)
    std::size_t alongside = 0;
    for (std::size_t k = 0; k < batches.size(); ++k) {
        BOOST_TEST(batches[k].size() - 1 <= kMax);
        bool seen_person = false;
        for (std::size_t i = 1; i < batches[k].size(); ++i) {
            auto j = nlohmann::json::parse(batches[k][i]);
            if (j["type"] == "household") {
                BOOST_TEST(!seen_person, "batch " << k << " line " << i + 1 << ": a household after a person");
                batch_of_household[j["uuid"]] = k;
                continue;
            }
            seen_person = true;
            const std::string household = j["household_uuid"];
            persons_of_household[household] += 1;
            auto it = batch_of_household.find(household);
            BOOST_REQUIRE_MESSAGE(it != batch_of_household.end(), "batch " << k << ": a person before its household");
            if (it->second == k)
                ++alongside;
            else
                after_their_household.emplace_back(k, household);
        }
    }
    // Persons apart from their household only where it could not fit in any batch.
    for (const auto& [k, household] : after_their_household)
        BOOST_TEST(persons_of_household[household] + 1 > kMax,
                   "batch " << k << ": a person apart from household " << household << " of "
                            << persons_of_household[household] << " persons");
    BOOST_TEST(alongside + after_their_household.size() == static_cast<std::size_t>(f.persons));
    BOOST_TEST_MESSAGE(alongside << " persons in the batch of their household, " << after_their_household.size()
                                 << " of households larger than a batch after it, " << batches.size() << " batches");

    // A batch of 500, as the issue measured it: no person apart from its household.
    ClientFixture g(600);
    test::ReceiverProcess receiver500(g.dir / "receiver", g.args());
    auto req500 = g.request(receiver500.port());
    req500.max_batch = 500;
    g.check(configure_upstream(g.admin, req500));
    BOOST_TEST(g.send().batches_formed == g.batch_count(500));
    std::set<std::string> households_so_far;
    for (const auto& batch : accepted_lines(g)) {
        std::set<std::string> here;
        for (const auto& line : batch) {
            auto j = nlohmann::json::parse(line);
            if (j.value("type", "") == "household") here.insert(j["uuid"].get<std::string>());
            if (j.value("type", "") == "person") BOOST_TEST(here.contains(j["household_uuid"].get<std::string>()));
        }
    }
}

// Batches smaller than a household: the household starts a batch with the persons that fit and
// the rest open the next ones at once, before any other household; with one record a batch, each
// household and each person alone, still in that order.
BOOST_AUTO_TEST_CASE(a_household_larger_than_a_batch_is_split_and_its_persons_follow_at_once) {
    for (int max : {3, 1}) {
        ClientFixture f(40);
        test::ReceiverProcess receiver(f.dir / "receiver", f.args());
        auto req = f.request(receiver.port());
        req.max_batch = max;
        f.check(configure_upstream(f.admin, req));
        auto report = f.send();
        BOOST_TEST(report.batches_formed == f.batch_count(static_cast<std::size_t>(max)), "max_batch " << max);
        BOOST_TEST(report.batches_accepted == report.batches_formed);
        require_exactly_once(stats_of(receiver), f.households + f.persons);
        // Read as one stream of record lines, the batches give each household, then its persons.
        std::string current;
        std::set<std::string> finished;
        for (const auto& batch : accepted_lines(f)) {
            BOOST_TEST(batch.size() - 1 <= static_cast<std::size_t>(max));
            for (std::size_t i = 1; i < batch.size(); ++i) {
                auto j = nlohmann::json::parse(batch[i]);
                if (j["type"] == "household") {
                    if (!current.empty()) finished.insert(current);
                    current = j["uuid"];
                    continue;
                }
                const std::string household = j["household_uuid"];
                BOOST_TEST(household == current, "max_batch " << max << ": a person of " << household
                                                              << (finished.contains(household) ? " after another household began"
                                                                                               : " before its household"));
            }
        }
    }
}

// A receipt the workstation cannot accept is not retried for ever (a 200 repeats it): the batch is
// held with bad_receipt; once the receipt key is put right, a retry under the same UUID gets the
// stored receipt (200) and the batch is accepted — every record once.
BOOST_AUTO_TEST_CASE(a_receipt_that_does_not_verify_holds_the_batch_until_the_key_is_right) {
    ClientFixture f(60);
    test::ReceiverProcess receiver(f.dir / "receiver", {});   // signs with a receipt key of its own
    f.configure(receiver.port());                              // the workstation expects the test PKI's
    auto report = f.send();
    BOOST_TEST(report.batches_accepted == 0);
    BOOST_TEST(report.batches_held == f.batch_count());
    BOOST_TEST(report.batches_left == 0);
    auto held = f.batches(BatchState::Held);
    BOOST_REQUIRE_EQUAL(held.size(), static_cast<std::size_t>(f.batch_count()));
    for (const auto& b : held) {
        BOOST_TEST(b.last_error_code == "bad_receipt");
        BOOST_TEST(b.last_error.find("does not verify") != std::string::npos, b.last_error);
        BOOST_TEST(b.next_attempt_at_utc.empty());
    }
    BOOST_TEST(std::string(failure_message("bad_receipt")).find("Do not discard") != std::string::npos);
    // Not sent again by itself: a second run has nothing due.
    auto idle = f.send();
    BOOST_TEST(idle.attempts.empty());
    BOOST_TEST(stats_of(receiver).batches == f.batch_count());   // the census database holds them

    auto req = f.request(receiver.port());
    req.receipt_public_pem = test::read_file(receiver.store() / "receipt.pub");
    f.check(configure_upstream(f.admin, req));
    for (const auto& b : held) test::StaffedWorkspace::check(retry_batch_now(f.officer, b.uuid));
    auto again = f.send();
    BOOST_TEST(again.batches_formed == 0);
    BOOST_TEST(again.batches_accepted == f.batch_count());
    for (const auto& a : again.attempts) BOOST_TEST(a.outcome.http_status == 200);
    BOOST_TEST(f.outbox().persons_accepted == f.persons);
    require_exactly_once(stats_of(receiver), f.households + f.persons);
}

// A scripted census database whose receipts are signed with the test PKI's receipt key: what a
// receipt by the rule may and may not differ in.
struct ScriptedReceiver : BatchTransport {
    std::function<void(nlohmann::json&)> edit;   // applied to the receipt's members before signing
    SendOutcome put_batch(const OutgoingBatch& batch) override {
        auto body = gzip_decompress(batch.compressed_body, 64 << 20);
        auto parsed = parse_batch_body(*body);
        nlohmann::json members = {{"batch_uuid", batch.uuid},        {"digest", batch.digest},
                                  {"households", parsed->manifest.households}, {"persons", parsed->manifest.persons},
                                  {"received_at", "2026-10-05T11:02:15Z"}, {"server", "scripted"}};
        if (edit) edit(members);
        auto key = test::read_file(test::TestPki::instance().receipt_key());
        auto signed_text = canonical_json_without(members.dump(), "signature");
        members["signature"] = sanaq::crypto::to_base64(*sign_with_private_pem(key, *signed_text));
        SendOutcome o;
        o.verdict = SendVerdict::Accepted;
        o.http_status = 201;
        o.receipt_json = members.dump(2);   // not canonical itself: the signature covers the canonical form
        return o;
    }
};

BOOST_AUTO_TEST_CASE(receipts_are_accepted_and_refused_by_the_exact_rule) {
    ClientFixture f(20);
    f.configure(test::free_loopback_port());
    SendOptions o;
    ScriptedReceiver liberal;
    liberal.edit = [](nlohmann::json& m) {
        m["digest"] = "sha-256=" + m["digest"].get<std::string>();
        m["operator_note"] = {{"shift", 2}};
    };
    auto accepted = send_upstream(f.officer, o, &liberal);
    BOOST_REQUIRE(accepted);
    BOOST_TEST(accepted->batches_accepted == accepted->batches_formed);

    // A corrected record makes one more batch; its receipt counts one person more than it holds.
    auto st = f.ws->write([&](StoreSession& tx) -> Status {
        auto s = tx.outbox().batches(BatchState::Accepted, 1);
        auto parsed = parse_batch_body(*gzip_decompress(*tx.outbox().batch_body(s->front().uuid), 64 << 20));
        std::string uuid;
        for (const auto& l : parsed->records)
            if (!l.household) uuid = l.uuid;
        Person p = **tx.census().find_person(uuid);
        p.revision += 1;
        auto r = tx.census().upsert(p, **tx.census().person_provenance(uuid));
        SANAQ_TRY(r);
        return {};
    });
    BOOST_REQUIRE(st);
    ScriptedReceiver miscounting;
    miscounting.edit = [](nlohmann::json& m) { m["persons"] = m["persons"].get<int>() + 1; };
    auto refused = send_upstream(f.officer, o, &miscounting);
    BOOST_REQUIRE(refused);
    BOOST_TEST(refused->batches_held == 1);
    auto held = f.batches(BatchState::Held);
    BOOST_REQUIRE_EQUAL(held.size(), 1u);
    BOOST_TEST(held.front().last_error_code == "bad_receipt");
    BOOST_TEST(held.front().last_error.find("it counts 0 households and 2 persons; the batch holds 0 and 1") !=
                   std::string::npos,
               held.front().last_error);
    BOOST_TEST(send_upstream(f.officer, o, &miscounting)->attempts.empty());   // held, not retried
}

/// The scripted census database, slow to answer, saying whether a request is on the wire now.
struct SlowReceiver : ScriptedReceiver {
    std::atomic<bool> on_wire{false};
    std::atomic<int> requests{0};
    SendOutcome put_batch(const OutgoingBatch& batch) override {
        on_wire = true;
        ++requests;
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
        auto outcome = ScriptedReceiver::put_batch(batch);
        on_wire = false;
        return outcome;
    }
};

BOOST_AUTO_TEST_CASE(the_next_batch_forms_while_the_one_before_is_on_the_wire) {
    ClientFixture f(240);
    f.configure(test::free_loopback_port());
    SlowReceiver receiver;
    SendOptions o;
    o.max_batch = 20;
    int formed_while_sending = 0, forming_reports = 0;
    std::int64_t accepted_while_forming = 0;
    o.progress = [&](const SendProgress& p) {
        if (p.stage != SendStage::Forming) return;
        ++forming_reports;
        if (receiver.on_wire) ++formed_while_sending;
        accepted_while_forming = std::max(accepted_while_forming, p.batches_accepted);
    };
    auto report = send_upstream(f.officer, o, &receiver);
    BOOST_REQUIRE(report);
    BOOST_TEST(report->batches_formed == f.batch_count(20));
    BOOST_TEST(report->batches_accepted == report->batches_formed);
    BOOST_TEST(receiver.requests.load() == report->batches_formed);   // each once
    BOOST_TEST(report->persons_accepted == f.persons);
    // Forming went on while a batch was out, and the progress said what had landed meanwhile.
    BOOST_TEST(formed_while_sending > forming_reports / 2);
    BOOST_TEST(accepted_while_forming > 0);
    BOOST_TEST(f.outbox().pending_persons == 0);
}

BOOST_AUTO_TEST_CASE(a_revised_record_goes_again_as_a_new_revision) {
    ClientFixture f(60);
    test::ReceiverProcess receiver(f.dir / "receiver", f.args());
    f.configure(receiver.port());
    f.send();
    // A corrected sheet arrives: the same person, revision 2.
    auto st = f.ws->write([&](StoreSession& tx) -> Status {
        auto pending = tx.outbox().pending_persons(0, 10);
        BOOST_REQUIRE(pending && pending->empty());
        return {};
    });
    BOOST_REQUIRE(st);
    std::string uuid;
    st = f.ws->write([&](StoreSession& tx) -> Status {
        auto s = tx.outbox().batches(BatchState::Accepted, 1);
        auto bytes = tx.outbox().batch_body(s->front().uuid);
        auto parsed = parse_batch_body(*gzip_decompress(*bytes, 64 << 20));
        for (const auto& l : parsed->records)
            if (!l.household) uuid = l.uuid;
        auto person = tx.census().find_person(uuid);
        auto from = tx.census().person_provenance(uuid);
        Person p = **person;
        p.revision += 1;
        p.surname += "-Revised";
        auto r = tx.census().upsert(p, **from);
        SANAQ_TRY(r);
        return {};
    });
    BOOST_REQUIRE(st);
    BOOST_TEST(f.outbox().pending_persons == 1);
    auto report = f.send();
    BOOST_TEST(report.batches_formed == 1);
    BOOST_TEST(report.persons_accepted == 1);
    auto held = stats_of(receiver);
    require_exactly_once(held, f.households + f.persons);
    BOOST_TEST(held.persons == f.persons + 1);   // two revisions of one person, each once
    auto mark = sending_mark(f.officer, RecordKind::Person, uuid);
    BOOST_REQUIRE(mark && *mark);
    BOOST_TEST((*mark)->revision == 2);
}

BOOST_AUTO_TEST_CASE(server_down_keeps_the_batches_queued_and_they_go_when_it_answers) {
    ClientFixture f(60);
    int port = test::free_loopback_port();
    f.configure(port);
    auto down = f.send();
    BOOST_TEST(down.batches_formed == f.batch_count());
    BOOST_TEST(down.batches_accepted == 0);
    BOOST_REQUIRE(down.stopped_by.has_value());
    BOOST_TEST(down.attempts.size() == 1u);   // one knock, not one per batch
    BOOST_TEST(down.attempts.front().outcome.error_code == "server_unreachable");
    BOOST_TEST(f.outbox().batches_queued == f.batch_count());
    auto queued = f.batches(BatchState::Queued);
    BOOST_TEST(std::any_of(queued.begin(), queued.end(), [](const UpstreamBatch& b) {
        return b.last_error_code == "server_unreachable" && !b.next_attempt_at_utc.empty();
    }));

    test::ReceiverProcess receiver(f.dir / "receiver", f.args(listen_on(port)));
    for (const auto& b : queued) test::StaffedWorkspace::check(retry_batch_now(f.officer, b.uuid));
    auto up = f.send();
    BOOST_TEST(up.batches_formed == 0);
    BOOST_TEST(up.batches_accepted == f.batch_count());
    require_exactly_once(stats_of(receiver), f.households + f.persons);
}

BOOST_AUTO_TEST_CASE(a_503_with_retry_after_is_honoured) {
    ClientFixture f(30);
    test::ReceiverProcess receiver(f.dir / "receiver", f.args({"--unavailable", "1", "--retry-after", "2"}));
    f.configure(receiver.port());
    auto started = std::chrono::steady_clock::now();
    auto report = f.send(std::chrono::seconds(30));
    auto took = std::chrono::steady_clock::now() - started;
    BOOST_TEST(report.batches_accepted == f.batch_count());
    BOOST_REQUIRE(!report.attempts.empty());
    BOOST_TEST(report.attempts.front().outcome.http_status == 503);
    BOOST_TEST(report.attempts.front().outcome.retry_after_seconds == 2);
    BOOST_TEST(took >= std::chrono::seconds(2));
    require_exactly_once(stats_of(receiver), f.households + f.persons);
}

BOOST_AUTO_TEST_CASE(random_server_failures_are_retried_until_every_batch_is_in) {
    ClientFixture f(120);
    test::ReceiverProcess flaky(f.dir / "receiver", f.args({"--fail-share", "0.5", "--seed", "3"}));
    f.configure(flaky.port());
    auto report = f.send(std::chrono::seconds(60));
    BOOST_TEST(report.batches_accepted == f.batch_count());
    BOOST_TEST(report.batches_left == 0);
    auto failures = std::count_if(report.attempts.begin(), report.attempts.end(),
                                  [](const BatchAttempt& a) { return a.outcome.http_status == 500; });
    BOOST_TEST_MESSAGE(failures << " answers were 500 before every batch got in");
    BOOST_TEST(failures > 0);
    require_exactly_once(stats_of(flaky), f.households + f.persons);
}

BOOST_AUTO_TEST_CASE(a_connection_cut_mid_body_or_a_lost_answer_loses_and_duplicates_nothing) {
    ClientFixture f(60);
    {
        test::ReceiverProcess cut(f.dir / "receiver", f.args({"--drop-mid-body-share", "1"}));
        f.configure(cut.port());
        auto report = f.send();
        BOOST_TEST(report.batches_accepted == 0);
        BOOST_REQUIRE(!report.attempts.empty());
        BOOST_TEST(report.attempts.front().outcome.error_code == "connection_lost");
        BOOST_TEST(stats_of(cut).batches == 0);
    }
    {
        // The server stores each batch and then drops the connection before answering.
        test::ReceiverProcess lose(f.dir / "receiver", f.args({"--lose-answer-share", "1"}));
        f.configure(lose.port());
        for (const auto& b : f.batches(BatchState::Queued)) test::StaffedWorkspace::check(retry_batch_now(f.officer, b.uuid));
        auto report = f.send();
        BOOST_TEST(report.batches_accepted == 0);
        BOOST_TEST(stats_of(lose).batches == f.batch_count());   // held there, unknown here
    }
    test::ReceiverProcess healthy(f.dir / "receiver", f.args());
    f.configure(healthy.port());
    for (const auto& b : f.batches(BatchState::Queued)) test::StaffedWorkspace::check(retry_batch_now(f.officer, b.uuid));
    auto report = f.send();
    BOOST_TEST(report.batches_accepted == f.batch_count());
    for (const auto& a : report.attempts) BOOST_TEST(a.outcome.http_status == 200);   // "already held": same receipt
    auto held = stats_of(healthy);
    BOOST_TEST(held.batches == f.batch_count());
    require_exactly_once(held, f.households + f.persons);
}

BOOST_AUTO_TEST_CASE(a_server_certificate_from_another_ca_gets_nothing) {
    ClientFixture f(30);
    test::ReceiverProcess impostor(f.dir / "receiver", f.args({"--cert", f.pki.other_server_pem().string(), "--key",
                                                         f.pki.other_server_key().string()}));
    f.configure(impostor.port());
    auto report = f.send();
    BOOST_TEST(report.batches_accepted == 0);
    BOOST_REQUIRE(report.stopped_by.has_value());
    BOOST_REQUIRE(!report.attempts.empty());
    BOOST_TEST(report.attempts.front().outcome.error_code == "server_certificate");
    BOOST_TEST(std::string(failure_message("server_certificate")).find("does not match") != std::string::npos);
    BOOST_TEST(stats_of(impostor).batches == 0);
    BOOST_TEST(f.outbox().batches_queued == f.batch_count());
}

BOOST_AUTO_TEST_CASE(an_expired_client_certificate_is_refused_before_anything_is_sent) {
    ClientFixture f(30);
    test::ReceiverProcess receiver(f.dir / "receiver", f.args());
    auto refused = configure_upstream(f.admin, f.request(receiver.port(), f.pki.client_expired_p12()));
    BOOST_REQUIRE(!refused);
    BOOST_TEST(refused.error().message_id.find("expired") != std::string::npos);
    // A certificate that expired after it was configured: sending refuses, nothing formed.
    auto req = f.request(receiver.port(), f.pki.client_expired_p12());
    auto st = f.ws->write([&](StoreSession& tx) -> Status {
        UpstreamSettings s;
        s.url = req.url;
        s.ca_pem = req.ca_pem;
        s.client_p12 = req.client_p12;
        s.client_p12_password = req.client_p12_password;
        s.receipt_public_pem = *req.receipt_public_pem;
        return save_upstream_settings(tx, s);
    });
    BOOST_REQUIRE(st);
    auto sent = send_upstream(f.officer, {});
    BOOST_REQUIRE(!sent);
    BOOST_TEST((sent.error().code == ErrorCode::RefusedByState));
    BOOST_TEST(sent.error().message_id.find("expired") != std::string::npos);
    BOOST_TEST(f.outbox().batches_queued == 0);
    BOOST_TEST(stats_of(receiver).batches == 0);
    // And the receiver itself refuses the expired certificate at the handshake.
    auto identity = Identity::from_pkcs12(req.client_p12, req.client_p12_password);
    BOOST_REQUIRE(identity);
    auto transport = HttpsTransport::create({{"localhost", receiver.port(), ""}, {}, req.ca_pem,
                                             identity->certificate_pem(), identity->private_key_pem()});
    BOOST_REQUIRE(transport);
    auto outcome = (*transport)->put_batch({"0f0e0d0c-0b0a-4908-8706-050403020100", std::string(64, '0'), "", "x"});
    BOOST_TEST((outcome.verdict == SendVerdict::NotConnected || outcome.verdict == SendVerdict::Temporary));
    BOOST_TEST(outcome.http_status == 0);
    BOOST_TEST(stats_of(receiver).batches == 0);
}

BOOST_AUTO_TEST_CASE(a_409_holds_the_batch_until_a_person_discards_it_and_the_records_go_again) {
    ClientFixture f(30);
    int port = test::free_loopback_port();
    f.configure(port);
    f.send();   // no server: the batch is formed and queued
    auto queued = f.batches(BatchState::Queued);
    BOOST_REQUIRE_EQUAL(queued.size(), static_cast<std::size_t>(f.batch_count()));
    const std::string taken = queued.front().uuid;

    test::ReceiverProcess receiver(f.dir / "receiver", f.args(listen_on(port)));
    // Someone else's batch already sits upstream under that UUID (properly signed by this workstation).
    auto req = f.request(port);
    auto identity = Identity::from_pkcs12(req.client_p12, req.client_p12_password);
    BOOST_REQUIRE(identity);
    std::string body;
    append_manifest_line(body, {taken, identity->info().subject_cn, "2026-10-05T11:02:13Z", 0, 0});
    auto digest = sanaq::crypto::sha256_hex(body);
    auto transport = HttpsTransport::create({{"localhost", port, ""}, {}, req.ca_pem, identity->certificate_pem(),
                                             identity->private_key_pem()});
    BOOST_REQUIRE(transport);
    auto first = (*transport)->put_batch({taken, digest, sanaq::crypto::to_base64(*identity->sign(batch_signing_text(taken, digest))),
                                          gzip_compress(body)});
    BOOST_REQUIRE(first.verdict == SendVerdict::Accepted);

    for (const auto& b : queued) test::StaffedWorkspace::check(retry_batch_now(f.officer, b.uuid));
    auto report = f.send();
    BOOST_TEST(report.batches_held == 1);
    auto held = f.batches(BatchState::Held);
    BOOST_REQUIRE_EQUAL(held.size(), 1u);
    BOOST_TEST(held.front().uuid == taken);
    BOOST_TEST(held.front().last_error_code == "conflict");
    BOOST_TEST(held.front().last_error.find("409") != std::string::npos);

    BOOST_TEST(!discard_batch(f.officer, taken, ""));   // a reason is required
    test::StaffedWorkspace::check(discard_batch(f.officer, taken, "UUID collision reported by the census database"));
    BOOST_TEST(f.outbox().pending_persons + f.outbox().pending_households == held.front().persons + held.front().households);
    auto again = f.send();
    BOOST_TEST(again.batches_formed == 1);
    BOOST_TEST(again.batches_accepted == 1);
    require_exactly_once(stats_of(receiver), f.households + f.persons);
}

BOOST_AUTO_TEST_CASE(four_eyes_batches_wait_for_another_supervisors_release) {
    ClientFixture f(30);
    test::ReceiverProcess receiver(f.dir / "receiver", f.args());
    auto req = f.request(receiver.port());
    req.release_required = true;
    f.check(configure_upstream(f.admin, req));
    auto formed = f.send();
    BOOST_TEST(formed.batches_formed == f.batch_count());
    BOOST_TEST(formed.batches_accepted == 0);
    BOOST_TEST(formed.batches_awaiting_release == f.batch_count());
    BOOST_TEST(stats_of(receiver).batches == 0);
    BOOST_TEST(!release_batches(f.officer, {}));   // officers cannot release
    auto released = release_batches(f.supervisor, {});
    BOOST_REQUIRE(released);
    BOOST_TEST(*released == f.batch_count());
    auto sent = f.send();
    BOOST_TEST(sent.batches_accepted == f.batch_count());
    require_exactly_once(stats_of(receiver), f.households + f.persons);
}

BOOST_AUTO_TEST_CASE(through_an_http_proxy_the_batches_go_end_to_end_encrypted) {
    ClientFixture f(30);
    test::ReceiverProcess receiver(f.dir / "receiver", f.args());
    test::ConnectProxy proxy;
    auto req = f.request(receiver.port());
    req.proxy_url = "http://127.0.0.1:" + std::to_string(proxy.port());
    f.check(configure_upstream(f.admin, req));
    auto report = f.send();
    BOOST_TEST(report.batches_accepted == f.batch_count());
    auto targets = proxy.targets();
    BOOST_REQUIRE(!targets.empty());
    BOOST_TEST(targets.front() == "localhost:" + std::to_string(receiver.port()));
    require_exactly_once(stats_of(receiver), f.households + f.persons);
    // A proxy URL that is not http://host:port is refused when configuring.
    req.proxy_url = "socks5://127.0.0.1:1080";
    BOOST_TEST(!configure_upstream(f.admin, req));
}

BOOST_AUTO_TEST_CASE(retry_delays_grow_with_jitter_and_honour_retry_after) {
    BOOST_TEST(retry_delay(1, -1, 0.0).count() == 1);
    BOOST_TEST(retry_delay(1, -1, 0.99).count() == 1);
    BOOST_TEST(retry_delay(4, -1, 0.99).count() == 15);
    BOOST_TEST(retry_delay(30, -1, 0.999).count() == 599);
    BOOST_TEST(retry_delay(1, 120, 0.5).count() == 120);
}

BOOST_AUTO_TEST_SUITE_END()
