#include "core/usecases/devices.h"

#include <nlohmann/json.hpp>

#include "core/domain/clock.h"
#include "core/domain/identifiers.h"
#include "core/package/keys.h"

namespace sanaq {
namespace {

// The department's private keys live in the settings table, inside the encrypted database.
// No screen or command lists settings wholesale, and these names are never exported.
constexpr std::string_view kEncryptionPrivate = "secret.department.x25519_private";
constexpr std::string_view kEncryptionPublic = "secret.department.x25519_public";
constexpr std::string_view kSigningPrivate = "secret.department.ed25519_private";
constexpr std::string_view kSigningPublic = "secret.department.ed25519_public";

Result<std::string> get_setting(StoreSession& tx, std::string_view key) {
    auto v = tx.settings().get(key);
    if (!v) return std::unexpected(v.error());
    return v->value_or("");
}

struct StoredKeys {
    SecretText enc_private;
    std::string enc_public;
    SecretText sig_private;
    std::string sig_public;
};

Result<StoredKeys> load_keys(StoreSession& tx) {
    StoredKeys k;
    auto enc_private = get_setting(tx, kEncryptionPrivate);
    if (!enc_private) return std::unexpected(enc_private.error());
    k.enc_private = SecretText(std::move(*enc_private));
    auto enc_public = get_setting(tx, kEncryptionPublic);
    if (!enc_public) return std::unexpected(enc_public.error());
    k.enc_public = std::move(*enc_public);
    auto sig_private = get_setting(tx, kSigningPrivate);
    if (!sig_private) return std::unexpected(sig_private.error());
    k.sig_private = SecretText(std::move(*sig_private));
    auto sig_public = get_setting(tx, kSigningPublic);
    if (!sig_public) return std::unexpected(sig_public.error());
    k.sig_public = std::move(*sig_public);
    return k;
}

/// Makes the department's key pairs the first time anything needs them; audited, because every
/// tablet's packages are encrypted to them from then on.
Result<StoredKeys> ensure_keys(StoreSession& tx, const Session& session) {
    auto k = load_keys(tx);
    if (!k) return k;
    if (!k->enc_private.empty() && !k->sig_private.empty()) return k;
    auto enc = package::generate_encryption_key();
    if (!enc) return std::unexpected(enc.error());
    auto sig = package::generate_signing_key();
    if (!sig) return std::unexpected(sig.error());
    for (auto [key, value] : {std::pair<std::string_view, std::string_view>{kEncryptionPrivate, enc->private_pem},
                              std::pair<std::string_view, std::string_view>{kEncryptionPublic, enc->public_pem},
                              std::pair<std::string_view, std::string_view>{kSigningPrivate, sig->private_pem},
                              std::pair<std::string_view, std::string_view>{kSigningPublic, sig->public_pem}})
        if (auto ok = tx.settings().set(key, value); !ok) return std::unexpected(ok.error());
    auto fp = package::encryption_key_fingerprint(enc->public_pem);
    if (!fp) return std::unexpected(fp.error());
    if (auto ok = record(tx, session,
                         {"department.keys_created", "department", fp->substr(0, 16), "", ""});
        !ok)
        return std::unexpected(ok.error());
    return StoredKeys{enc->private_pem, enc->public_pem, sig->private_pem, sig->public_pem};
}

}  // namespace

Result<std::string> department_public_keys(Session& session) {
    if (auto ok = require(session.actor, Operation::EnrollDeviceKeys); !ok)
        return std::unexpected(ok.error());
    std::string text;
    // A write: the keys may have to be made now.
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto k = ensure_keys(tx, session);
        if (!k) return std::unexpected(k.error());
        text = package::department_public_file({k->enc_public, k->sig_public});
        return {};
    });
    if (!st) return std::unexpected(st.error());
    return text;
}

Result<DepartmentSecrets> department_secrets(StoreSession& tx, const Session& session) {
    auto k = ensure_keys(tx, session);
    if (!k) return std::unexpected(k.error());
    auto fp = package::signing_key_fingerprint(k->sig_public);
    if (!fp) return std::unexpected(fp.error());
    return DepartmentSecrets{k->enc_private, k->sig_private, k->sig_public, *fp};
}

Result<DeviceKey> enroll_device_key(Session& session, const std::string& kit_number,
                                    const std::string& public_key_pem, const std::string& reason) {
    if (auto ok = require(session.actor, Operation::EnrollDeviceKeys); !ok)
        return std::unexpected(ok.error());
    auto device_id = package::signing_key_fingerprint(public_key_pem);
    if (!device_id)
        return fail(ErrorCode::InvalidInput,
                    N_("This is not a tablet's device key (an Ed25519 public key in PEM form). "
                       "Take the file "
                       "Documents/Sanaq/device-key.pem from the tablet."),
                    {}, device_id.error().detail);
    DeviceKey key{kit_number, *device_id, public_key_pem, iso_utc(session.clock.now()),
                  session.actor.user};
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto kit = tx.kits().find(kit_number);
        if (!kit) return std::unexpected(kit.error());
        if (!*kit) return fail(ErrorCode::NotFound, N_("There is no kit {}."), {kit_number});
        auto other = tx.device_keys().by_device_id(*device_id);
        if (!other) return std::unexpected(other.error());
        if (*other && (*other)->kit_number != kit_number)
            return fail(ErrorCode::AlreadyExists,
                        N_("This device key is already enrolled on kit {}."),
                        {(*other)->kit_number});
        auto current = tx.device_keys().for_kit(kit_number);
        if (!current) return std::unexpected(current.error());
        const bool replacing = *current && (*current)->device_id != *device_id;
        if (*current && !replacing) return {};  // the same key again: nothing to do
        if (replacing) {
            if (auto ok = require_reason(reason); !ok) return ok;
        }
        if (auto ok = tx.device_keys().enroll(key); !ok) return ok;
        nlohmann::json details{{"device_id", *device_id}};
        if (replacing) details["replaced"] = (*current)->device_id;
        return record(tx, session,
                      {replacing ? "device.key_replaced" : "device.key_enrolled", "kit", kit_number,
                       reason, details.dump()});
    });
    if (!st) return std::unexpected(st.error());
    return key;
}

Result<std::vector<DeviceKey>> enrolled_device_keys(Session& session) {
    if (auto ok = require(session.actor, Operation::ViewDevices); !ok)
        return std::unexpected(ok.error());
    return query<std::vector<DeviceKey>>(session.store,
                                         [](StoreSession& tx) { return tx.device_keys().list(); });
}

Result<TabletIdentity> identify_tablet(Session& session, const std::string& usb_serial,
                                       const std::string& device_key_pem) {
    if (auto ok = require(session.actor, Operation::ViewDevices); !ok)
        return std::unexpected(ok.error());
    TabletIdentity id;
    id.usb_serial = usb_serial;
    if (!device_key_pem.empty()) {
        auto fp = package::signing_key_fingerprint(device_key_pem);
        if (fp) id.device_id = *fp;
    }
    auto st = session.store.read([&](StoreSession& tx) -> Status {
        std::optional<Kit> kit;
        if (!usb_serial.empty()) {
            auto k = tx.kits().find_by_usb_serial(usb_serial);
            if (!k) return std::unexpected(k.error());
            kit = *k;
        }
        std::optional<DeviceKey> enrolled;
        if (kit) {
            auto e = tx.device_keys().for_kit(kit->number);
            if (!e) return std::unexpected(e.error());
            enrolled = *e;
        } else if (!id.device_id.empty()) {
            auto e = tx.device_keys().by_device_id(id.device_id);
            if (!e) return std::unexpected(e.error());
            enrolled = *e;
            if (enrolled) {
                auto k = tx.kits().find(enrolled->kit_number);
                if (!k) return std::unexpected(k.error());
                kit = *k;
            }
        }
        id.kit = kit;
        if (enrolled && !id.device_id.empty()) {
            id.key_enrolled = enrolled->device_id == id.device_id;
            id.key_mismatch = !id.key_enrolled;
        }
        if (kit) {
            auto issue = tx.custody().open_issue_for(kit->number);
            if (!issue) return std::unexpected(issue.error());
            if (*issue) {
                auto e = tx.staff().find((*issue)->employee_id);
                if (!e) return std::unexpected(e.error());
                if (*e) {
                    id.holder = **e;
                    if (!permits(session.actor.role, Operation::ViewStaffIin))
                        id.holder->iin = mask_iin(id.holder->iin);
                    auto inst = tx.institutions().find((*e)->institution_bin);
                    if (!inst) return std::unexpected(inst.error());
                    id.institution = *inst;
                }
            }
        }
        return {};
    });
    if (!st) return std::unexpected(st.error());
    return id;
}

}  // namespace sanaq
