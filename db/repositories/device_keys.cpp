#include "db/repositories/repositories.h"

namespace sanaq::db {
namespace {

constexpr const char* kColumns = "kit_number, device_id, public_key_pem, enrolled_at_utc, enrolled_by";

DeviceKey read_key(const Statement& st) {
    return DeviceKey{st.text(0), st.text(1), st.text(2), st.text(3), st.text(4)};
}

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
        return {};
    });
}

Result<std::optional<DeviceKey>> SqlDeviceKeyRepository::for_kit(std::string_view kit_number) {
    return guarded([&]() -> Result<std::optional<DeviceKey>> {
        auto& st = db_.query(std::string("SELECT ") + kColumns + " FROM device_keys WHERE kit_number = ?", kit_number);
        if (!st.step()) return std::nullopt;
        return read_key(st);
    });
}

Result<std::optional<DeviceKey>> SqlDeviceKeyRepository::by_device_id(std::string_view device_id) {
    return guarded([&]() -> Result<std::optional<DeviceKey>> {
        auto& st = db_.query(std::string("SELECT ") + kColumns + " FROM device_keys WHERE device_id = ?", device_id);
        if (!st.step()) return std::nullopt;
        return read_key(st);
    });
}

Result<std::vector<DeviceKey>> SqlDeviceKeyRepository::list() {
    return guarded([&]() -> Result<std::vector<DeviceKey>> {
        auto& st = db_.cached(std::string("SELECT ") + kColumns + " FROM device_keys ORDER BY kit_number");
        std::vector<DeviceKey> out;
        while (st.step()) out.push_back(read_key(st));
        return out;
    });
}

}  // namespace sanaq::db
