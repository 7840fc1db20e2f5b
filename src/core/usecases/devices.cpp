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
    SANAQ_TRY(v);
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
    SANAQ_TRY(enc_private);
    k.enc_private = SecretText(std::move(*enc_private));
    auto enc_public = get_setting(tx, kEncryptionPublic);
    SANAQ_TRY(enc_public);
    k.enc_public = std::move(*enc_public);
    auto sig_private = get_setting(tx, kSigningPrivate);
    SANAQ_TRY(sig_private);
    k.sig_private = SecretText(std::move(*sig_private));
    auto sig_public = get_setting(tx, kSigningPublic);
    SANAQ_TRY(sig_public);
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
    SANAQ_TRY(enc);
    auto sig = package::generate_signing_key();
    SANAQ_TRY(sig);
    for (auto [key, value] : {std::pair<std::string_view, std::string_view>{kEncryptionPrivate, enc->private_pem},
                              std::pair<std::string_view, std::string_view>{kEncryptionPublic, enc->public_pem},
                              std::pair<std::string_view, std::string_view>{kSigningPrivate, sig->private_pem},
                              std::pair<std::string_view, std::string_view>{kSigningPublic, sig->public_pem}})
        SANAQ_TRY(tx.settings().set(key, value));
    auto fp = package::encryption_key_fingerprint(enc->public_pem);
    SANAQ_TRY(fp);
    if (auto ok = record(tx, session,
                         {"department.keys_created", "department", fp->substr(0, 16), "", ""});
        !ok)
        return std::unexpected(ok.error());
    return StoredKeys{enc->private_pem, enc->public_pem, sig->private_pem, sig->public_pem};
}

}  // namespace

Result<std::string> department_public_keys(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::EnrollDeviceKeys));
    std::string text;
    // A write: the keys may have to be made now.
    auto st = session.store.write([&](StoreSession& tx) -> Status {
        auto k = ensure_keys(tx, session);
        SANAQ_TRY(k);
        text = package::department_public_file({k->enc_public, k->sig_public});
        return {};
    });
    SANAQ_TRY(st);
    return text;
}

Result<DepartmentSecrets> department_secrets(StoreSession& tx, const Session& session) {
    auto k = ensure_keys(tx, session);
    SANAQ_TRY(k);
    auto fp = package::signing_key_fingerprint(k->sig_public);
    SANAQ_TRY(fp);
    return DepartmentSecrets{k->enc_private, k->sig_private, k->sig_public, *fp};
}

Result<DeviceKey> enroll_device_key(Session& session, const std::string& kit_number,
                                    const std::string& public_key_pem, const std::string& reason) {
    SANAQ_TRY(require(session.actor, Operation::EnrollDeviceKeys));
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
        SANAQ_TRY(kit);
        if (!*kit) return fail(ErrorCode::NotFound, N_("There is no kit {}."), {kit_number});
        auto other = tx.device_keys().by_device_id(*device_id);
        SANAQ_TRY(other);
        if (*other && (*other)->kit_number != kit_number)
            return fail(ErrorCode::AlreadyExists,
                        N_("This device key is already enrolled on kit {}."),
                        {(*other)->kit_number});
        auto current = tx.device_keys().for_kit(kit_number);
        SANAQ_TRY(current);
        const bool replacing = *current && (*current)->device_id != *device_id;
        if (*current && !replacing) return {};  // the same key again: nothing to do
        if (replacing) {
            SANAQ_TRY(require_reason(reason));
        }
        SANAQ_TRY(tx.device_keys().enroll(key));
        nlohmann::json details{{"device_id", *device_id}};
        if (replacing) details["replaced"] = (*current)->device_id;
        return record(tx, session,
                      {replacing ? "device.key_replaced" : "device.key_enrolled", "kit", kit_number,
                       reason, details.dump()});
    });
    SANAQ_TRY(st);
    return key;
}

Result<std::vector<DeviceKey>> enrolled_device_keys(Session& session) {
    SANAQ_TRY(require(session.actor, Operation::ViewDevices));
    return query<std::vector<DeviceKey>>(session.store,
                                         [](StoreSession& tx) { return tx.device_keys().list(); });
}

Result<TabletIdentity> identify_tablet(Session& session, const std::string& usb_serial,
                                       const std::string& device_key_pem) {
    SANAQ_TRY(require(session.actor, Operation::ViewDevices));
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
            SANAQ_TRY(k);
            kit = *k;
        }
        std::optional<DeviceKey> enrolled;
        if (kit) {
            auto e = tx.device_keys().for_kit(kit->number);
            SANAQ_TRY(e);
            enrolled = *e;
        } else if (!id.device_id.empty()) {
            auto e = tx.device_keys().by_device_id(id.device_id);
            SANAQ_TRY(e);
            enrolled = *e;
            if (enrolled) {
                auto k = tx.kits().find(enrolled->kit_number);
                SANAQ_TRY(k);
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
            SANAQ_TRY(issue);
            if (*issue) {
                auto e = tx.staff().find((*issue)->employee_id);
                SANAQ_TRY(e);
                if (*e) {
                    id.holder = **e;
                    if (!permits(session.actor.role, Operation::ViewStaffIin))
                        id.holder->iin = mask_iin(id.holder->iin);
                    auto inst = tx.institutions().find((*e)->institution_bin);
                    SANAQ_TRY(inst);
                    id.institution = *inst;
                }
            }
        }
        return {};
    });
    SANAQ_TRY(st);
    return id;
}

}  // namespace sanaq
