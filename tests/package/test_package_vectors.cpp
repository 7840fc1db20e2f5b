// The package test vectors (tests/vectors/package/, made by make_package_vectors from the spec)
// against our codec, both ways: writing with a vector's inputs gives the vector's bytes, and
// reading a vector gives its records — or refuses it with the reason and the rule it names.
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/package/conformance.h"
#include "crypto/crypto.h"
#include "core/package/package_reader.h"
#include "core/package/package_writer.h"
#include "core/package/receipt.h"

using namespace sanaq;
using nlohmann::json;
namespace fs = std::filesystem;
namespace d = sanaq::crypto;

namespace {

fs::path vector_dir() {
    const char* src = std::getenv("SANAQ_SOURCE_DIR");
    return fs::path(src ? src : SANAQ_TEST_SOURCE_ROOT) / "tests" / "vectors" / "package";
}

std::vector<json> vectors() {
    std::vector<json> out;
    for (const auto& e : fs::directory_iterator(vector_dir()))
        if (e.path().extension() == ".json") {
            std::ifstream in(e.path());
            out.push_back(json::parse(in));
        }
    std::sort(out.begin(), out.end(), [](const json& a, const json& b) { return a["name"] < b["name"]; });
    return out;
}

std::string bytes(const json& v, const char* key) { return *d::from_hex(v.at(key).get<std::string>()); }

struct VectorKeys {
    std::string dept_x_private_pem, dept_x_public_pem, dept_ed_private_pem, dept_ed_public_pem;
    std::string device_private_pem, device_public_pem;
};

VectorKeys keys_of(const json& v) {
    const auto& k = v.at("keys");
    auto priv = [&](const char* name, d::KeyType type) {
        return d::KeyHandle::from_private_raw(type, *d::from_hex(k.at(name).get<std::string>()));
    };
    auto x = priv("department_x25519_private", d::KeyType::X25519);
    auto ed = priv("department_ed25519_private", d::KeyType::Ed25519);
    auto dev = priv("device_ed25519_private", d::KeyType::Ed25519);
    return {x.private_pem(), x.public_pem(), ed.private_pem(), ed.public_pem(), dev.private_pem(), dev.public_pem()};
}

json to_json(const Household& h) {
    return json{{"type", "H"}, {"uuid", h.uuid}, {"revision", h.revision}, {"place", household_place_code(h.place)},
                {"kato", h.kato}, {"kato_version", h.kato_version}, {"street", h.street}, {"house", h.house},
                {"flat", h.flat}, {"institution_bin", h.institution_bin}, {"institution_type", h.institution_type},
                {"hotel_name", h.hotel_name}, {"household_number", h.household_number}, {"answers", h.answers_json}};
}

json to_json(const Person& p) {
    return json{{"type", "P"}, {"uuid", p.uuid}, {"revision", p.revision}, {"household_uuid", p.household_uuid},
                {"iin", p.iin}, {"surname", p.surname}, {"name", p.name}, {"patronymic", p.patronymic},
                {"sex", sex_code(p.sex)}, {"birth_date", p.birth_date}, {"relationship", p.relationship},
                {"residence", residence_code(p.residence)}, {"source", record_source_code(p.source)},
                {"answers", p.answers_json}};
}

Household household_of(const json& r) {
    Household h;
    h.uuid = r["uuid"];
    h.revision = r["revision"];
    h.place = *parse_household_place(r["place"].get<std::string>());
    h.kato = r["kato"];
    h.kato_version = r["kato_version"];
    h.street = r["street"];
    h.house = r["house"];
    h.flat = r["flat"];
    h.institution_bin = r["institution_bin"];
    h.institution_type = r["institution_type"];
    h.hotel_name = r["hotel_name"];
    h.household_number = r["household_number"];
    h.answers_json = r["answers"];
    return h;
}

Person person_of(const json& r) {
    Person p;
    p.uuid = r["uuid"];
    p.revision = r["revision"];
    p.household_uuid = r["household_uuid"];
    p.iin = r["iin"];
    p.surname = r["surname"];
    p.name = r["name"];
    p.patronymic = r["patronymic"];
    p.sex = *parse_sex(r["sex"].get<std::string>());
    p.birth_date = r["birth_date"];
    p.relationship = r["relationship"];
    p.residence = *parse_residence(r["residence"].get<std::string>());
    p.source = *parse_record_source(r["source"].get<std::string>());
    p.answers_json = r["answers"];
    return p;
}

struct Read {
    bool ok = false;
    const package::ReadFailure* failure = nullptr;
    json records = json::array();
    std::vector<std::string> warnings;
};

/// Reads as the pull does: header, signature and key, payload, finish.
Read read_vector(package::PackageReader& reader, const std::string& file, const VectorKeys& k) {
    Read r;
    reader.on_household = [&](const Household& h) -> Status {
        r.records.push_back(to_json(h));
        return {};
    };
    reader.on_person = [&](const Person& p) -> Status {
        r.records.push_back(to_json(p));
        for (auto w : person_warnings(p.iin, p.birth_date)) r.warnings.push_back(person_warning_code(w));
        return {};
    };
    // In pieces of 300 bytes: the reader streams.
    bool ok = true;
    for (std::size_t at = 0; ok && at < file.size(); at += 300) {
        ok = reader.feed(std::string_view(file).substr(at, 300)).has_value();
        if (ok && reader.header_ready() && !reader.verified()) ok = reader.verify(k.device_public_pem).has_value();
    }
    if (ok) ok = reader.finish().has_value();
    r.ok = ok;
    r.failure = reader.failure();
    return r;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(package_vectors)

BOOST_AUTO_TEST_CASE(there_is_a_vector_for_each_case_the_spec_asks_for) {
    std::set<std::string> names;
    for (const auto& v : vectors()) names.insert(v["name"]);
    for (const char* want : {"one-chunk", "many-chunks", "exact-multiple", "correction", "upper-case-uuids", "warnings",
                             "bad-magic", "bad-signature", "other-recipient", "payload-truncated", "chunks-reordered",
                             "bad-escape", "count-mismatch", "encryption-flattened"})
        BOOST_TEST(names.contains(want), want);
}

BOOST_AUTO_TEST_CASE(reading_each_vector_gives_its_records_or_its_refusal) {
    for (const auto& v : vectors()) {
        BOOST_TEST_CONTEXT(v["name"].get<std::string>()) {
            const auto k = keys_of(v);
            package::PackageReader reader(k.dept_x_private_pem);
            auto r = read_vector(reader, bytes(v, "file"), k);
            const auto& expect = v["expect"];
            if (expect["accepted"].get<bool>()) {
                BOOST_REQUIRE(r.ok);
                BOOST_TEST(r.records == expect["records"]);
                BOOST_TEST(reader.manifest().households == expect["households"].get<std::int64_t>());
                BOOST_TEST(reader.manifest().persons == expect["persons"].get<std::int64_t>());
                BOOST_TEST(json(r.warnings) == expect["warnings"]);
            } else {
                BOOST_REQUIRE(!r.ok);
                BOOST_REQUIRE(r.failure != nullptr);
                BOOST_TEST(quarantine_reason_code(r.failure->reason) == expect["reason"].get<std::string>());
                BOOST_TEST(r.failure->where.check == expect["check"].get<std::string>());
                BOOST_TEST(r.failure->where.section == expect["section"].get<std::string>());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(writing_with_a_vectors_inputs_gives_its_bytes) {
    int written = 0;
    for (const auto& v : vectors()) {
        if (!v["writer_reproduces"].get<bool>()) continue;
        BOOST_TEST_CONTEXT(v["name"].get<std::string>()) {
            const auto k = keys_of(v);
            const auto& in = v["writer_inputs"];
            PackageManifest m;
            m.package_uuid = in["package_uuid"];
            m.device_model = in["device_model"];
            m.usb_serial = in["usb_serial"];
            m.kit_number = in["kit_number"];
            m.interviewer_iin = in["interviewer_iin"];
            m.census_round = in["census_round"];
            m.sequence = in["sequence"];
            m.exported_at = in["exported_at"];
            package::FixedRandomness fixed{bytes(v["encryption"], "ephemeral_x25519_private"),
                                           bytes(v["encryption"], "base_nonce")};
            package::PackageWriter writer(m, k.dept_x_public_pem, k.device_private_pem,
                                          in["chunk_size"].get<std::size_t>(), &fixed);
            for (const auto& r : v["expect"]["records"]) {
                if (r["type"] == "H") BOOST_REQUIRE(writer.add(household_of(r)));
                else BOOST_REQUIRE(writer.add(person_of(r)));
            }
            auto file = writer.finish();
            BOOST_REQUIRE(file);
            BOOST_TEST(d::to_hex(*file) == v["file"].get<std::string>());
            ++written;
        }
    }
    BOOST_TEST(written >= 5);
}

BOOST_AUTO_TEST_CASE(the_receipt_for_each_accepted_vector_is_the_vectors_receipt) {
    for (const auto& v : vectors()) {
        if (!v["expect"]["accepted"].get<bool>()) continue;
        BOOST_TEST_CONTEXT(v["name"].get<std::string>()) {
            const auto k = keys_of(v);
            auto body = json::parse(v["receipt"]["signed_body"].get<std::string>());
            package::Receipt r;
            r.package_uuid = body["package_uuid"];
            r.payload_sha256 = body["payload_sha256"];
            r.status = body["status"];
            r.kit_number = body["kit_number"];
            r.pulled_at_utc = body["pulled_at_utc"];
            r.households = body["households"];
            r.persons = body["persons"];
            auto text = package::sign_receipt(r, k.dept_ed_private_pem);
            BOOST_REQUIRE(text);
            BOOST_TEST(*text == v["receipt"]["text"].get<std::string>());
            BOOST_TEST(package::verify_receipt(*text, k.dept_ed_public_pem).has_value());
        }
    }
}

BOOST_AUTO_TEST_CASE(the_conformance_check_names_each_vectors_rule) {
    for (const auto& v : vectors()) {
        BOOST_TEST_CONTEXT(v["name"].get<std::string>()) {
            const auto k = keys_of(v);
            auto check = package::check_package(bytes(v, "file"), {k.dept_x_private_pem, {}, k.device_public_pem});
            const auto& expect = v["expect"];
            if (expect["accepted"].get<bool>()) {
                BOOST_TEST(!check.refusal().has_value());
                BOOST_TEST(check.payload_read);
            } else {
                BOOST_REQUIRE(check.refusal().has_value());
                BOOST_TEST(quarantine_reason_code(*check.refusal()) == expect["reason"].get<std::string>());
                const auto& first = *std::find_if(check.findings.begin(), check.findings.end(), [](const auto& f) {
                    return f.severity == package::FindingSeverity::Refusal;
                });
                BOOST_TEST(first.check == expect["check"].get<std::string>());
                BOOST_TEST(first.section == expect["section"].get<std::string>());
                // A vector with several independent deviations: each is its own refusal, in order.
                if (expect.contains("deviations")) {
                    std::vector<const package::Finding*> refusals;
                    for (const auto& f : check.findings)
                        if (f.severity == package::FindingSeverity::Refusal) refusals.push_back(&f);
                    BOOST_REQUIRE_EQUAL(refusals.size(), expect["deviations"].size());
                    for (std::size_t i = 0; i < refusals.size(); ++i) {
                        const auto& want = expect["deviations"][i];
                        BOOST_TEST(refusals[i]->check == want["check"].get<std::string>());
                        BOOST_TEST(refusals[i]->section == want["section"].get<std::string>());
                        BOOST_TEST(refusals[i]->subject == want["subject"].get<std::string>());
                        BOOST_TEST(quarantine_reason_code(*refusals[i]->reason) == want["reason"].get<std::string>());
                        if (want.contains("line")) BOOST_TEST(refusals[i]->line == want["line"].get<std::uint64_t>());
                    }
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(upper_case_record_uuids_are_a_deviation_the_reader_forgives) {
    std::ifstream in(vector_dir() / "upper-case-uuids.json");
    auto v = json::parse(in);
    const auto k = keys_of(v);
    auto check = package::check_package(bytes(v, "file"), {k.dept_x_private_pem, {}, k.device_public_pem});
    BOOST_TEST(!check.conforms());
    BOOST_TEST(!check.refusal().has_value());
    bool named = false;
    for (const auto& f : check.findings)
        if (f.check == "records.upper_case_uuid") named = f.count == 3 && f.line == 2;
    BOOST_TEST(named);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(package_vectors)

// The vector printed in src/core/package/README.md is the committed one (the spec's numbers do not
// drift).
BOOST_AUTO_TEST_CASE(the_spec_prints_the_one_chunk_vector) {
    std::ifstream in(vector_dir() / "one-chunk.json");
    auto v = json::parse(in);
    // The spec sits beside its codec (src/core/package/README.md, "Test vectors").
    const auto spec_path = vector_dir().parent_path().parent_path().parent_path() / "src/core/package/README.md";
    std::ifstream spec_in(spec_path);
    BOOST_REQUIRE_MESSAGE(spec_in.good(), "the package spec is not at " << spec_path);
    std::string spec((std::istreambuf_iterator<char>(spec_in)), {});
    std::string flat;   // hex wrapped over lines in the spec: compare without the line ends
    for (char c : spec)
        if (c != '\n') flat += c;
    const std::string file = v["file"];
    BOOST_TEST(flat.find(v["payload"]["sha256"].get<std::string>()) != std::string::npos);
    BOOST_TEST(flat.find(v["signature"].get<std::string>()) != std::string::npos);
    BOOST_TEST(flat.find(v["chunks"][0]["sealed"].get<std::string>()) != std::string::npos);
    BOOST_TEST(flat.find(v["encryption"]["payload_key"].get<std::string>()) != std::string::npos);
    BOOST_TEST(spec.find(v["receipt"]["text"].get<std::string>()) != std::string::npos);
    BOOST_TEST(spec.find("\"payload_size\":" + std::to_string(v["payload"]["size"].get<int>())) != std::string::npos);
    BOOST_TEST(spec.find("The whole file is " + std::to_string(file.size() / 2) + " bytes") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
