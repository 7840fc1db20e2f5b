#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

constexpr const char* kColumns = "kit_number, device_id, public_key_pem, enrolled_at_utc, enrolled_by";

DeviceKey read_key(const Statement& st) {
    return DeviceKey{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)};
}

std::vector<std::string> signed_columns(const DeviceKey& k) {
    return {k.device_id, k.public_key_pem, k.enrolled_at_utc, k.enrolled_by};
}

/// EnrollDeviceKeys: officers (and administrators, whom RowSignatures accepts for every row).
constexpr std::initializer_list<Role> kWriters = {Role::Officer};

}  // namespace

Status SqlDeviceKeyRepository::enroll(const DeviceKey& key) {
    return guarded([&]() -> Status {
        if (!db_.query("SELECT 1 FROM kits WHERE number = ?", key.kit_number).step())
            return fail(ErrorCode::NotFound, N_("There is no kit numbered {}."), {key.kit_number});
        auto& other = db_.query("SELECT kit_number FROM device_keys WHERE device_id = ? AND kit_number <> ?",
                                key.device_id, key.kit_number);
        if (other.step())
            return fail(ErrorCode::AlreadyExists, N_("The device key {} is already enrolled on kit {}."),
                        {key.device_id, other.text(0)});
        // The kit's previous key (if any) is replaced: one key per kit.
        db_.query("INSERT OR REPLACE INTO device_keys (kit_number, device_id, public_key_pem, enrolled_at_utc, "
                  "enrolled_by) VALUES (?, ?, ?, ?, ?)",
                  key.kit_number, key.device_id, key.public_key_pem, key.enrolled_at_utc, key.enrolled_by)
            .run();
        signatures_.sign("device_keys", key.kit_number, signed_columns(key));
        return {};
    });
}

DeviceKey SqlDeviceKeyRepository::checked(DeviceKey key) {
    // A tablet's key decides whose packages are trusted: one swapped outside the program would let
    // forged records in.
    signatures_.check("device_keys", key.kit_number, signed_columns(key), kWriters);
    return key;
}

Result<std::optional<DeviceKey>> SqlDeviceKeyRepository::for_kit(std::string_view kit_number) {
    return one_key("kit_number", kit_number);
}

Result<std::optional<DeviceKey>> SqlDeviceKeyRepository::by_device_id(std::string_view device_id) {
    return one_key("device_id", device_id);
}

Result<std::optional<DeviceKey>> SqlDeviceKeyRepository::one_key(const char* column, std::string_view value) {
    return guarded([&]() -> Result<std::optional<DeviceKey>> {
        // `column` is one of the two constants above; the value is bound.
        auto& st = db_.query(std::string("SELECT ") + kColumns + " FROM device_keys WHERE " + column + " = ?", value);
        std::optional<DeviceKey> key;
        if (st.step()) key = read_key(st);
        st.reset();
        signatures_.check_head("device_keys", kWriters);
        if (!key) return std::nullopt;
        return checked(std::move(*key));
    });
}

Result<std::vector<DeviceKey>> SqlDeviceKeyRepository::list() {
    return guarded([&]() -> Result<std::vector<DeviceKey>> {
        auto& st = db_.cached(std::string("SELECT ") + kColumns + " FROM device_keys ORDER BY kit_number");
        std::vector<DeviceKey> out;
        while (st.step()) out.push_back(read_key(st));
        st.reset();
        signatures_.check_head("device_keys", kWriters);
        for (auto& key : out) key = checked(std::move(key));
        return out;
    });
}

}  // namespace sanaq::db
