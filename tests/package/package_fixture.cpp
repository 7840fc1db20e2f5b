#include "package/package_fixture.h"

#include <stdexcept>

namespace sanaq::test {

const Keys& keys() {
    static const Keys k = [] {
        auto must = [](Result<package::KeyPair> r) {
            if (!r) throw std::runtime_error("key generation failed");
            return *r;
        };
        return Keys{must(package::generate_encryption_key()), must(package::generate_signing_key()),
                    must(package::generate_signing_key()), must(package::generate_signing_key()),
                    must(package::generate_encryption_key())};
    }();
    return k;
}

PackageManifest sample_manifest(std::int64_t sequence) {
    PackageManifest m;
    m.package_uuid = "0b7e0c1a-5a7d-4c1e-9f3a-2d6b8e4f1a90";
    m.device_model = "Samsung SM-T295";
    m.usb_serial = "R52N80ABCDE";
    m.kit_number = "KIT-0042";
    m.interviewer_iin = "870102300123";
    m.census_round = "2026";
    m.sequence = sequence;
    m.exported_at = "2026-10-03T09:15:00Z";
    return m;
}

static std::string uuid_for(int kind, int i) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%08x-0000-4000-8000-%012x", kind, i);
    return buf;
}

Household sample_household(int i) {
    Household h;
    h.uuid = uuid_for(1, i);
    h.revision = 1 + i % 3;
    h.place = static_cast<HouseholdPlace>(i % 3);
    h.kato = "191010000";
    h.kato_version = i % 2 ? "2022" : "2013";
    if (h.place == HouseholdPlace::Address) {
        h.street = "Төле би көшесі\tкорпус\\2";   // a tab and a backslash survive the trip
        h.house = "12А";
        h.flat = i % 4 ? "7" : "";
    } else if (h.place == HouseholdPlace::Institution) {
        h.institution_bin = "050140000015";
        h.institution_type = "military_unit";
    } else {
        h.hotel_name = "Гостиница «Турист»\r\n2 этаж";
    }
    h.household_number = std::to_string(i + 1);
    h.answers_json = i % 5 ? R"({"d1_dwelling_type":"apartment","d3_note":"line1\nline2 \\ ok"})" : "";
    return h;
}

Person sample_person(int i, const std::string& household_uuid) {
    Person p;
    p.uuid = uuid_for(2, i);
    p.revision = 1;
    p.household_uuid = household_uuid;
    p.iin = i % 7 ? "870102300123" : "";
    p.surname = i % 2 ? "Жанбулатов" : "Иванова";
    p.name = i % 2 ? "Нұрлан" : "Ольга";
    p.patronymic = i % 2 ? "Серікұлы" : "Сергеевна";
    p.sex = i % 2 ? Sex::Male : Sex::Female;
    p.birth_date = i % 11 ? "1987-01-02" : "";
    p.relationship = i % 3 ? "child" : "head";
    p.residence = static_cast<Residence>(i % 3);
    p.source = static_cast<RecordSource>(i % 2);
    p.answers_json = R"({"q6_citizenship":"KZ","q13_education":"higher","q99_free_text":"tab\there"})";
    return p;
}

Records sample_records(int households, int persons_per_household) {
    Records r;
    int n = 0;
    for (int i = 0; i < households; ++i) {
        r.households.push_back(sample_household(i));
        for (int j = 0; j < persons_per_household; ++j) r.persons.push_back(sample_person(n++, r.households.back().uuid));
    }
    return r;
}

std::string make_package(const Records& records, std::size_t chunk_size, PackageManifest manifest) {
    package::PackageWriter writer(std::move(manifest), keys().department_encryption.public_pem, keys().device.private_pem,
                                  chunk_size);
    for (const auto& h : records.households)
        if (!writer.add(h)) throw std::runtime_error("add household failed");
    for (const auto& p : records.persons)
        if (!writer.add(p)) throw std::runtime_error("add person failed");
    auto bytes = writer.finish();
    if (!bytes) throw std::runtime_error("finish failed: " + bytes.error().message_id);
    return *bytes;
}

ReadOutcome read_package(std::string_view bytes, std::size_t piece, const std::string* device_public,
                         const SecretText* department_private) {
    ReadOutcome out;
    package::PackageReader reader(department_private ? department_private->view() : keys().department_encryption.private_pem.view());
    reader.on_household = [&](const Household& h) -> Status {
        out.records.households.push_back(h);
        return {};
    };
    reader.on_person = [&](const Person& p) -> Status {
        out.records.persons.push_back(p);
        return {};
    };
    const std::string& device = device_public ? *device_public : keys().device.public_pem;
    auto finish_with = [&](const Status& st) {
        out.ok = st.has_value();
        if (!st) out.message_id = st.error().message_id;
        if (reader.failure()) out.reason = reader.failure()->reason;
        if (reader.header_ready()) out.manifest = reader.manifest();
        return out;
    };
    if (piece == 0) piece = bytes.size() ? bytes.size() : 1;
    for (std::size_t at = 0; at < bytes.size(); at += piece) {
        if (auto st = reader.feed(bytes.substr(at, piece)); !st) return finish_with(st);
        if (reader.header_ready() && !reader.verified())
            if (auto st = reader.verify(device); !st) return finish_with(st);
    }
    return finish_with(reader.finish());
}

}  // namespace sanaq::test
